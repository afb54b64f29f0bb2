import { useState } from 'react';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { Field } from './fields/Field.tsx';

/**
 * The node's id: it names the node in traces, reports and event data ("email": "welcome"), so it
 * can be changed. The rename happens on Enter or when leaving the box, not on every keystroke.
 */
export function NodeIdField({ nodeId, messages }: { nodeId: string; messages: readonly string[] }) {
  const renameNode = useEditorStore((s) => s.renameNode);
  const [text, setText] = useState(nodeId);
  const [shown, setShown] = useState(nodeId);
  const [error, setError] = useState<string | null>(null);
  if (shown !== nodeId) {
    setShown(nodeId);
    setText(nodeId);
    setError(null);
  }
  const commit = () => {
    const next = text.trim();
    if (next === nodeId) return setError(null);
    setError(renameNode(nodeId, next));
  };
  return (
    <Field label="ID" hint="Used in reports and in event data, e.g. which email was clicked." messages={error ? [error, ...messages] : messages}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="hg-input hg-mono"
          value={text}
          data-testid="node-id"
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              setText(nodeId);
              setError(null);
            }
          }}
        />
      )}
    </Field>
  );
}
