import type { CanvasNodeContent } from '../canvas/canvasTypes.ts';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { NodeIcon } from '../nodes/NodeIcon.tsx';
import { NODE_TYPE_INFO } from '../nodes/nodeTypeInfo.ts';
import { FieldMessages } from './fields/FieldMessages.tsx';
import { TextField } from './fields/TextField.tsx';
import { NodeConfigForm } from './NodeConfigForm.tsx';
import { NodeIdField } from './NodeIdField.tsx';
import { useMessagesAt } from './useMessagesAt.ts';

/** The form of one selected node: id, label and the config form of its type. */
export function NodeInspector({ node }: { node: CanvasNodeContent }) {
  const updateConfig = useEditorStore((s) => s.updateConfig);
  const setLabel = useEditorStore((s) => s.setLabel);
  const deleteElements = useEditorStore((s) => s.deleteElements);
  const copySelection = useEditorStore((s) => s.copySelection);
  const paste = useEditorStore((s) => s.paste);
  const messagesAt = useMessagesAt(node.id);
  const info = NODE_TYPE_INFO[node.type];
  // Problems about the node as a whole (unreachable, a port without an edge…).
  const general = messagesAt('', true);
  return (
    <div className="hg-inspector__body" data-testid="node-inspector" data-node-type={node.type}>
      <header className="hg-inspector__header">
        <span className="hg-inspector__icon">
          <NodeIcon type={node.type} size={22} />
        </span>
        <div>
          <h2>{info.title}</h2>
          <p className="hg-hint">{info.description}</p>
        </div>
      </header>
      <FieldMessages messages={general} />
      <NodeIdField nodeId={node.id} messages={messagesAt('/id')} />
      <TextField
        label="Label on the canvas"
        value={node.data.label}
        placeholder={info.title}
        testId="node-label"
        onChange={(label) => setLabel(node.id, label === '' ? undefined : label)}
        messages={messagesAt('/label')}
      />
      <NodeConfigForm key={node.id} node={node} messagesAt={messagesAt} onChange={(config, options) => updateConfig(node.id, config, options)} />
      <div className="hg-inspector__actions">
        <button
          type="button"
          className="hg-button"
          onClick={() => {
            copySelection();
            paste();
          }}
          aria-label="Duplicate this step (Ctrl+D)"
        >
          Duplicate
        </button>
        <button type="button" className="hg-button hg-button--danger" onClick={() => deleteElements([node.id])} aria-label="Delete this step (Delete)">
          Delete this step
        </button>
      </div>
    </div>
  );
}
