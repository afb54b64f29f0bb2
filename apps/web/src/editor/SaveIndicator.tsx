import type { SaveStatus } from './useAutosave.ts';

/** Whether the draft is saved (the draft, not what is live: the badge beside it says that), with a retry after a failed save. */
export function SaveIndicator({ status, retry }: { status: SaveStatus; retry: () => void }) {
  switch (status.state) {
    case 'saved':
      return (
        <span className="hg-save" data-testid="save-status" data-state="saved">
          Draft saved
        </span>
      );
    case 'unsaved':
      return (
        <span className="hg-save" data-testid="save-status" data-state="unsaved">
          Unsaved changes…
        </span>
      );
    case 'saving':
      return (
        <span className="hg-save" data-testid="save-status" data-state="saving">
          Saving…
        </span>
      );
    case 'error':
      return (
        <span className="hg-save hg-save--error" data-testid="save-status" data-state="error" role="alert">
          Not saved: {status.message}{' '}
          <button type="button" className="hg-link-button" onClick={retry}>
            Try again
          </button>
        </span>
      );
  }
}
