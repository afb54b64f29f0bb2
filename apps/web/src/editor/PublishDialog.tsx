import { useState } from 'react';
import { errorMessage } from '../api/apiClient.ts';
import { usePublishCheck } from '../api/usePublishCheck.ts';
import { Dialog } from '../components/Dialog.tsx';
import { friendlyMessage } from '../problems/friendlyMessage.ts';
import { PublishChangesSection } from './publish/PublishChangesSection.tsx';
import { PublishContactsSection } from './publish/PublishContactsSection.tsx';
import { publishBlocker } from './publish/publishBlocker.ts';
import { TriggerOverlapsSection } from './publish/TriggerOverlapsSection.tsx';
import type { DraftChanges } from './useDraftDiff.ts';
import { MoveContactsSection } from './publish/MoveContactsSection.tsx';
import { useContactsInFlow } from './publish/useContactsInFlow.ts';

interface PublishDialogProps {
  open: boolean;
  onClose: () => void;
  /** Saves the draft, publishes it and resolves with the new version. */
  publish: (note: string) => Promise<number>;
  errorCount: number;
  flowId: string;
  liveVersion: number | null;
  /** The draft against the live version; null while unknown. */
  changes: DraftChanges | null;
}

/**
 * Shows what publishing would do — the changes against the live version, the contacts in the
 * flow, other live flows on the same trigger — asks for a note, and publishes the draft as a new
 * version. Each part is a section of its own.
 */
export function PublishDialog({ open, onClose, publish, errorCount, flowId, liveVersion, changes }: PublishDialogProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
  const check = usePublishCheck(flowId);
  // With contacts in the flow, the dialog stays open after publishing to offer moving them.
  const inFlow = useContactsInFlow(flowId, open);
  // The version just published, while the dialog stays open to move the contacts in the flow.
  const [published, setPublished] = useState<number | null>(null);
  const close = () => {
    setError(null);
    setPublished(null);
    onClose();
  };
  const unchangedSince = liveVersion !== null && changes?.version === liveVersion && !changes.differs ? liveVersion : null;
  const blocked = publishBlocker({ errorCount, unchangedSince });
  return (
    <Dialog open={open} onClose={close} title="Publish this flow" wide testId="publish-dialog">
      <MoveContactsSection flowId={flowId} />
      {published !== null ? (
        <div className="hg-dialog__actions">
          <p>Published version {published}. New contacts follow it from now on.</p>
          <button type="button" className="hg-button" onClick={close}>
            Close
          </button>
        </div>
      ) : (
        <form
          className="hg-publish"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              const version = await publish(note);
              setNote('');
              if (inFlow === 0) close();
              else setPublished(version);
            } catch (err) {
              const problems = (err as { problems?: { severity: 'error' | 'warning'; message: string; code: string; pointer: string }[] }).problems ?? [];
              setError({ message: errorMessage(err), details: problems.map((p) => friendlyMessage(p, true)) });
            } finally {
              setBusy(false);
            }
          }}
        >
          <p>Publishing makes this draft the live version: contacts who enter from now on follow it.</p>
          <PublishChangesSection liveVersion={liveVersion} changes={changes} />
          <PublishContactsSection check={check.data} liveVersion={liveVersion} />
          <TriggerOverlapsSection overlaps={check.data?.overlaps ?? []} />
          <label className="hg-field__label" htmlFor="publish-note">
            What changed? (optional)
          </label>
          <textarea
            id="publish-note"
            className="hg-input"
            rows={3}
            value={note}
            placeholder="e.g. Shorter wait before the reminder"
            onChange={(e) => setNote(e.target.value)}
          />
          {blocked && (
            <p className="hg-error-text" role="alert" data-testid="publish-blocked">
              {blocked}
            </p>
          )}
          {error && (
            <div className="hg-error-text" role="alert">
              <p>{error.message}</p>
              {error.details.length > 0 && (
                <ul>
                  {error.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="hg-dialog__actions">
            <button type="button" className="hg-button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="hg-button hg-button--primary" disabled={busy || blocked !== null} title={blocked ?? undefined}>
              {busy ? 'Publishing…' : 'Publish'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
