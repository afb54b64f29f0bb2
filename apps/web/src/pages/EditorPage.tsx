import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../api/apiClient.ts';
import type { FlowDraft } from '../api/apiTypes.ts';
import { useFlow } from '../api/useFlow.ts';
import { FlowEditor } from '../editor/FlowEditor.tsx';
import { ErrorState } from '../components/ErrorState.tsx';

/** /flows/:id — the editor of one flow. */
export function EditorPage() {
  const { id = '' } = useParams();
  const flow = useFlow(id);
  // The draft the editor starts from: the first fresh one. Later refetches (after publishing)
  // must not reopen the editor, which owns the draft from then on.
  const [opened, setOpened] = useState<{ id: string; draft: FlowDraft } | null>(null);
  if (flow.isFresh && flow.data && opened?.id !== id) setOpened({ id, draft: flow.data });
  if (opened?.id === id) return <FlowEditor key={id} draft={opened.draft} />;
  if (flow.isError)
    return (
      <div className="hg-page">
        <ErrorState title="This flow cannot be opened" message={errorMessage(flow.error)} />
      </div>
    );
  return (
    <div className="hg-page">
      <p>Opening the flow…</p>
    </div>
  );
}
