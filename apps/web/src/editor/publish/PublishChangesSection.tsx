import { DiffView } from '../../versions/DiffView.tsx';
import type { DraftChanges } from '../useDraftDiff.ts';

/** What publishing changes against the live version, in words. */
export function PublishChangesSection({ liveVersion, changes }: { liveVersion: number | null; changes: DraftChanges | null }) {
  return (
    <section className="hg-publish__section" data-testid="publish-changes" aria-label="Changes">
      <h3>{liveVersion === null ? 'First version' : `Changes since version ${liveVersion}`}</h3>
      {liveVersion === null ? (
        <p>Nothing of this flow is live yet: once published, contacts who meet its trigger enter it.</p>
      ) : !changes || changes.version !== liveVersion ? (
        <p className="hg-hint">Comparing with version {liveVersion}…</p>
      ) : (
        <DiffView before={changes.live} after={changes.draft} />
      )}
    </section>
  );
}
