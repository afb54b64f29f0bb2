import type { NodeTypes } from '@xyflow/react';
import type { NodeType } from '@hourglass/documents';
import { ConditionNode } from './ConditionNode.tsx';
import { ExitNode } from './ExitNode.tsx';
import { HandoffNode } from './HandoffNode.tsx';
import { SendEmailNode } from './SendEmailNode.tsx';
import { SplitNode } from './SplitNode.tsx';
import { TriggerNode } from './TriggerNode.tsx';
import { UpdateNode } from './UpdateNode.tsx';
import { WaitForNode } from './WaitForNode.tsx';
import { WaitNode } from './WaitNode.tsx';

/**
 * The React Flow component of each node type. At module scope so that React Flow sees the same
 * object on every render; the Record type makes a missing node type a compile error.
 */
export const nodeTypes: NodeTypes & Record<NodeType, NodeTypes[string]> = {
  trigger: TriggerNode,
  wait: WaitNode,
  waitFor: WaitForNode,
  sendEmail: SendEmailNode,
  condition: ConditionNode,
  split: SplitNode,
  update: UpdateNode,
  handoff: HandoffNode,
  exit: ExitNode,
};
