import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Flow } from '@hourglass/documents';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import type { FlowSummary } from '../../api/apiTypes.ts';
import { useCreateFlow } from '../../api/useCreateFlow.ts';
import { useDeleteFlow } from '../../api/useDeleteFlow.ts';
import { useExportFlow } from '../../api/useExportFlow.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { downloadJson } from '../../files/downloadJson.ts';
import { freeId } from '../../files/slugify.ts';

/** Open, duplicate, export and delete one flow of the list. */
export function FlowRowActions({ flow, taken, onMessage }: { flow: FlowSummary; taken: ReadonlySet<string>; onMessage: (m: string) => void }) {
  const exportFlow = useExportFlow();
  const create = useCreateFlow();
  const remove = useDeleteFlow();
  const [confirm, setConfirm] = useState<{ enrolled: number | null } | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const duplicate = async () => {
    try {
      const doc = await exportFlow.mutateAsync(flow.id);
      const id = freeId(`${flow.id}-copy`.slice(0, 64), taken);
      const name = `Copy of ${flow.name}`.slice(0, 120);
      // The draft as it is, unfinished parts included: a copy is a draft too.
      await create.mutateAsync({ ...doc, id, name } as unknown as Flow);
      onMessage(`Created “${name}”.`);
    } catch (e) {
      onMessage(`Could not duplicate “${flow.name}”: ${errorMessage(e)}`);
    }
  };
  const download = async () => {
    try {
      downloadJson(`${flow.id}.flow.json`, await exportFlow.mutateAsync(flow.id));
    } catch (e) {
      onMessage(`Could not export “${flow.name}”: ${errorMessage(e)}`);
    }
  };
  const doDelete = async (removeEnrolments: boolean) => {
    setDeleteError(null);
    try {
      await remove.mutateAsync({ id: flow.id, removeEnrolments });
      setConfirm(null);
      onMessage(`Deleted “${flow.name}”.`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConfirm({ enrolled: typeof e.body.enrolled === 'number' ? e.body.enrolled : flow.enrolled });
      else setDeleteError(errorMessage(e));
    }
  };

  return (
    <div className="hg-row-actions">
      <Link className="hg-button" to={`/flows/${flow.id}`}>
        Open
      </Link>
      {flow.publishedVersion !== null && (
        <Link className="hg-button" to={`/flows/${flow.id}/report`} data-testid={`report-link-${flow.id}`}>
          Report
        </Link>
      )}
      <button type="button" className="hg-button" onClick={() => void duplicate()} aria-label={`Duplicate ${flow.name}`}>
        Duplicate
      </button>
      <button type="button" className="hg-button" onClick={() => void download()} aria-label={`Export ${flow.name} as JSON`}>
        Export
      </button>
      <button type="button" className="hg-button hg-button--danger" onClick={() => setConfirm({ enrolled: null })} aria-label={`Delete ${flow.name}`}>
        Delete
      </button>
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} title={`Delete “${flow.name}”?`}>
        {confirm?.enrolled ? (
          <p>
            <strong>
              {confirm.enrolled} contact{confirm.enrolled === 1 ? ' is' : 's are'} in this flow now.
            </strong>{' '}
            Deleting it removes them from the flow: they get no further emails from it.
          </p>
        ) : (
          <p>The flow and its versions are deleted. This cannot be undone; export it first to keep a copy.</p>
        )}
        {deleteError && (
          <p className="hg-error-text" role="alert">
            {deleteError}
          </p>
        )}
        <div className="hg-dialog__actions">
          <button type="button" className="hg-button" onClick={() => setConfirm(null)}>
            Cancel
          </button>
          <button type="button" className="hg-button hg-button--danger" disabled={remove.isPending} onClick={() => void doDelete(Boolean(confirm?.enrolled))}>
            {confirm?.enrolled ? 'Remove the contacts and delete' : 'Delete'}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
