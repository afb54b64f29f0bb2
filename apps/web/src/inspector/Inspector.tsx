import { useMemo } from 'react';
import type { CanvasNodeContent } from '../canvas/canvasTypes.ts';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { FlowSettingsForm } from './FlowSettingsForm.tsx';
import { NodeInspector } from './NodeInspector.tsx';

/** The right-hand panel: the selected node's form, the flow settings, or what to do with a selection. */
export function Inspector() {
  const selected = useEditorStore((s) => s.selectedNodeIds);
  const selectedEdges = useEditorStore((s) => s.selectedEdgeIds);
  // The node's id, type and data, not the node: moving it must not re-render the forms.
  const id = selected.length === 1 ? selected[0] : undefined;
  const type = useEditorStore((s) => (id === undefined ? undefined : s.nodes.find((n) => n.id === id)?.type));
  const data = useEditorStore((s) => (id === undefined ? undefined : s.nodes.find((n) => n.id === id)?.data));
  const node = useMemo(() => (id !== undefined && type && data ? ({ id, type, data } as CanvasNodeContent) : undefined), [id, type, data]);
  const deleteSelection = useEditorStore((s) => s.deleteSelection);
  const copySelection = useEditorStore((s) => s.copySelection);
  const paste = useEditorStore((s) => s.paste);
  const clearSelection = useEditorStore((s) => s.clearSelection);
  return (
    <aside className="hg-inspector" aria-label="Inspector" data-testid="inspector">
      {node ? (
        <NodeInspector node={node} />
      ) : selected.length > 1 || (selected.length === 0 && selectedEdges.length > 0) ? (
        <div className="hg-inspector__body">
          <h2>
            {selected.length > 1 ? `${selected.length} steps selected` : `${selectedEdges.length} connection${selectedEdges.length === 1 ? '' : 's'} selected`}
          </h2>
          <p className="hg-hint">Delete them, or copy steps and paste them elsewhere (Ctrl+C, Ctrl+V).</p>
          <div className="hg-inspector__actions">
            <button type="button" className="hg-button hg-button--danger" onClick={deleteSelection}>
              Delete
            </button>
            {selected.length > 0 && (
              <button type="button" className="hg-button" onClick={copySelection}>
                Copy
              </button>
            )}
            {selected.length > 0 && (
              <button
                type="button"
                className="hg-button"
                onClick={() => {
                  copySelection();
                  paste();
                }}
              >
                Duplicate
              </button>
            )}
            <button type="button" className="hg-button" onClick={clearSelection}>
              Show flow settings
            </button>
          </div>
        </div>
      ) : (
        <FlowSettingsForm />
      )}
    </aside>
  );
}
