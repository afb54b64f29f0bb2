import { useState } from 'react';
import { useFlowEnrolments } from '../../api/useFlowEnrolments.ts';
import { useFlowVersions } from '../../api/useFlowVersions.ts';
import { MovePlanner } from './MovePlanner.tsx';

/**
 * In the Publish dialog: when contacts are in the flow on versions older than the latest, offers
 * to move them to it (docs/semantics.md, "Migrations"): the mapping per step, a preview of a few
 * contacts before and after, then the move. Renders nothing when nobody is left behind.
 */
export function MoveContactsSection({ flowId }: { flowId: string }) {
  const versions = useFlowVersions(flowId);
  const enrolments = useFlowEnrolments(flowId, true);
  // Kept as they were when opened: once moved, nobody is left behind, yet the outcome stays on screen.
  const [open, setOpen] = useState<{ to: number; sources: { version: number; contacts: number }[] } | null>(null);
  const latest = versions.data?.[0]?.version;
  const older = Object.entries(enrolments.data?.versions ?? {})
    .map(([v, n]) => ({ version: Number(v), contacts: n }))
    .filter((v) => v.version !== latest && v.contacts > 0)
    .sort((a, b) => b.version - a.version);
  const waiting = older.reduce((sum, v) => sum + v.contacts, 0);
  if (!open && (latest === undefined || waiting === 0)) return null;
  const who = `${waiting.toLocaleString()} ${waiting === 1 ? 'contact' : 'contacts'}`;
  return (
    <section className="hg-move" data-testid="move-contacts" aria-label="Contacts in the flow">
      {open ? (
        <MovePlanner flowId={flowId} to={open.to} sources={open.sources} onClose={() => setOpen(null)} />
      ) : (
        <>
          <p>
            {who} {waiting === 1 ? 'is' : 'are'} still on {older.length === 1 ? `version ${older[0]!.version}` : 'older versions'}: they get the old steps and
            emails until they leave.
          </p>
          <button type="button" className="hg-button" onClick={() => setOpen({ to: latest!, sources: older })}>
            Move the {who} in the flow to version {latest}…
          </button>
        </>
      )}
    </section>
  );
}
