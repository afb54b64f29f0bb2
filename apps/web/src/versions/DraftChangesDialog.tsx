import { Link } from 'react-router-dom';
import { errorMessage } from '../api/apiClient.ts';
import { useFlow } from '../api/useFlow.ts';
import { useFlowVersion } from '../api/useFlowVersion.ts';
import { prepareDraft } from '../canvas/prepareDraft.ts';
import { Dialog } from '../components/Dialog.tsx';
import { DiffView } from './DiffView.tsx';

interface DraftChangesDialogProps {
  flowId: string;
  name: string;
  version: number;
  onClose: () => void;
}

/** The saved draft of a flow against its live version, for the flow list's "See changes". */
export function DraftChangesDialog({ flowId, name, version, onClose }: DraftChangesDialogProps) {
  const draft = useFlow(flowId);
  const live = useFlowVersion(flowId, version);
  const failed = draft.error ?? live.error;
  return (
    <Dialog open onClose={onClose} title={`“${name}”: the draft against version ${version}`} wide testId="draft-changes-dialog">
      {failed ? (
        <p className="hg-error-text">{errorMessage(failed)}</p>
      ) : draft.data && live.data ? (
        <DiffView before={prepareDraft(live.data.flow).flow} after={prepareDraft(draft.data.flow).flow} />
      ) : (
        <p>Loading…</p>
      )}
      <div className="hg-dialog__actions">
        <Link className="hg-button" to={`/flows/${flowId}`}>
          Open the draft
        </Link>
        <button type="button" className="hg-button hg-button--primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
