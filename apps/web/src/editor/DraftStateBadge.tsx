import type { DraftChanges } from './useDraftDiff.ts';

/**
 * Whether the flow is live and whether the draft is what runs: "Draft, not published",
 * "Published v2", or "Draft differs from v2" with a one-click look at the changes.
 */
export function DraftStateBadge({ liveVersion, changes, showChanges }: { liveVersion: number | null; changes: DraftChanges | null; showChanges: () => void }) {
  if (liveVersion === null) {
    return (
      <span className="hg-badge" data-testid="published-badge">
        Draft, not published
      </span>
    );
  }
  if (changes?.differs && changes.version === liveVersion) {
    return (
      <>
        <span
          className="hg-badge hg-badge--warning"
          data-testid="published-badge"
          title={`Contacts who enter now follow version ${liveVersion}; publish to make the draft live.`}
        >
          Draft differs from v{liveVersion}
        </span>
        <button type="button" className="hg-link-button" data-testid="see-changes" onClick={showChanges}>
          See changes
        </button>
      </>
    );
  }
  return (
    <span className="hg-badge hg-badge--live" data-testid="published-badge">
      Published v{liveVersion}
    </span>
  );
}
