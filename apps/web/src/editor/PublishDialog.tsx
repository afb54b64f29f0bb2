import { useState } from 'react';
import { errorMessage } from '../api/apiClient.ts';
import { Dialog } from '../components/Dialog.tsx';
import { friendlyMessage } from '../problems/friendlyMessage.ts';

interface PublishDialogProps {
  open: boolean;
  onClose: () => void;
  /** Saves the draft, publishes it and resolves with the new version. */
  publish: (note: string) => Promise<number>;
  errorCount: number;
}

/** Asks for a note and publishes the draft as a new version. */
export function PublishDialog({ open, onClose, publish, errorCount }: PublishDialogProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Publish this flow" testId="publish-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await publish(note);
            setNote('');
            close();
          } catch (err) {
            const problems = (err as { problems?: { severity: 'error' | 'warning'; message: string; code: string; pointer: string }[] }).problems ?? [];
            setError({ message: errorMessage(err), details: problems.map((p) => friendlyMessage(p, true)) });
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>Publishing makes this draft the live version: contacts who enter from now on follow it.</p>
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
        {errorCount > 0 && (
          <p className="hg-error-text" role="alert">
            Fix the {errorCount} error{errorCount === 1 ? '' : 's'} first.
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
          <button type="submit" className="hg-button hg-button--primary" disabled={busy || errorCount > 0}>
            {busy ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
