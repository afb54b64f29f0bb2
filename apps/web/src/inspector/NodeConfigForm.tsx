import { assertNever } from '@hourglass/documents';
import type { CanvasNodeContent } from '../canvas/canvasTypes.ts';
import type { ConfigOptions } from '../editor/store/documentSlice.ts';
import type { MessagesAt } from './fields/messagesAt.ts';
import { ConditionForm } from './forms/ConditionForm.tsx';
import { HandoffForm } from './forms/HandoffForm.tsx';
import { SendEmailForm } from './forms/SendEmailForm.tsx';
import { SplitForm } from './forms/SplitForm.tsx';
import { TriggerForm } from './forms/TriggerForm.tsx';
import { UpdateForm } from './forms/UpdateForm.tsx';
import { WaitForForm } from './forms/WaitForForm.tsx';
import { WaitForm } from './forms/WaitForm.tsx';

interface NodeConfigFormProps {
  node: CanvasNodeContent;
  onChange: (config: CanvasNodeContent['data']['config'], options?: ConfigOptions) => void;
  messagesAt: MessagesAt;
}

/** The form that fits the node's type. */
export function NodeConfigForm({ node, onChange, messagesAt }: NodeConfigFormProps) {
  const common = { nodeId: node.id, onChange, messagesAt };
  switch (node.type) {
    case 'trigger':
      return <TriggerForm {...common} config={node.data.config} />;
    case 'wait':
      return <WaitForm {...common} config={node.data.config} />;
    case 'waitFor':
      return <WaitForForm {...common} config={node.data.config} />;
    case 'sendEmail':
      return <SendEmailForm {...common} config={node.data.config} />;
    case 'condition':
      return <ConditionForm {...common} config={node.data.config} />;
    case 'split':
      return <SplitForm {...common} config={node.data.config} />;
    case 'update':
      return <UpdateForm {...common} config={node.data.config} />;
    case 'handoff':
      return <HandoffForm {...common} config={node.data.config} />;
    case 'exit':
      return <p className="hg-hint">Contacts who reach an exit leave the flow. An exit has nothing to set.</p>;
    default:
      return assertNever(node, 'node type');
  }
}
