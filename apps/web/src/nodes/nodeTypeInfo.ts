import { NODE_TITLES, type NodeType } from '@hourglass/documents';

export interface NodeTypeInfo {
  /** The name a marketer reads on the canvas and in the palette. */
  title: string;
  /** The start of the ids of new nodes of this type ("email-1"). */
  idPrefix: string;
  /** What the node does, in a sentence. */
  description: string;
}

export const NODE_TYPE_INFO: Record<NodeType, NodeTypeInfo> = {
  trigger: { title: NODE_TITLES.trigger, idPrefix: 'trigger', description: 'Where contacts enter the flow: an event, a stage, a score or by hand.' },
  wait: { title: NODE_TITLES.wait, idPrefix: 'wait', description: 'Pause for a while, or until a time of day or a date.' },
  waitFor: { title: NODE_TITLES.waitFor, idPrefix: 'wait-for', description: 'Wait until a condition holds, or give up after a timeout.' },
  sendEmail: { title: NODE_TITLES.sendEmail, idPrefix: 'email', description: 'Send a marketing email rendered for the contact.' },
  condition: { title: NODE_TITLES.condition, idPrefix: 'condition', description: 'Go on by "yes" or "no" depending on the contact.' },
  split: { title: NODE_TITLES.split, idPrefix: 'split', description: 'Send contacts down branches by weight (A/B tests).' },
  update: { title: NODE_TITLES.update, idPrefix: 'update', description: 'Change the score, the stage or a property of the contact.' },
  handoff: { title: NODE_TITLES.handoff, idPrefix: 'handoff', description: 'Hand the contact to a sales owner.' },
  exit: { title: NODE_TITLES.exit, idPrefix: 'exit', description: 'The contact leaves the flow here.' },
};
