import type { NodeType } from '@hourglass/documents';

export interface NodeTypeInfo {
  /** The name a marketer reads on the canvas and in the palette. */
  title: string;
  /** The start of the ids of new nodes of this type ("email-1"). */
  idPrefix: string;
  /** What the node does, in a sentence. */
  description: string;
}

export const NODE_TYPE_INFO: Record<NodeType, NodeTypeInfo> = {
  trigger: { title: 'Trigger', idPrefix: 'trigger', description: 'Where contacts enter the flow: an event, a stage, a score or by hand.' },
  wait: { title: 'Wait', idPrefix: 'wait', description: 'Pause for a while, or until a time of day or a date.' },
  waitFor: { title: 'Wait for', idPrefix: 'wait-for', description: 'Wait until a condition holds, or give up after a timeout.' },
  sendEmail: { title: 'Send email', idPrefix: 'email', description: 'Send a marketing email rendered for the contact.' },
  condition: { title: 'Condition', idPrefix: 'condition', description: 'Go on by "yes" or "no" depending on the contact.' },
  split: { title: 'Split', idPrefix: 'split', description: 'Send contacts down branches by weight (A/B tests).' },
  update: { title: 'Update', idPrefix: 'update', description: 'Change the score, the stage or a property of the contact.' },
  handoff: { title: 'Sales handoff', idPrefix: 'handoff', description: 'Hand the contact to a sales owner.' },
  exit: { title: 'Exit', idPrefix: 'exit', description: 'The contact leaves the flow here.' },
};
