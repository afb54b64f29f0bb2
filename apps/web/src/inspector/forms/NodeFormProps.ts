import type { NodeOfType, NodeType } from '@hourglass/documents';
import type { ConfigOptions } from '../../editor/store/documentSlice.ts';
import type { MessagesAt } from '../fields/messagesAt.ts';

/** What every node form gets: the node's config, a way to change it, and the problems inside it. */
export interface NodeFormProps<T extends NodeType> {
  nodeId: string;
  config: NodeOfType<T>['config'];
  onChange: (config: NodeOfType<T>['config'], options?: ConfigOptions) => void;
  messagesAt: MessagesAt;
}
