import { useEffect, useMemo, useState } from 'react';
import type { Flow } from '@hourglass/documents';
import { errorMessage } from '../api/apiClient.ts';
import { useFlowVersion } from '../api/useFlowVersion.ts';
import { useFlowVersions } from '../api/useFlowVersions.ts';
import { prepareDraft } from '../canvas/prepareDraft.ts';
import { Dialog } from '../components/Dialog.tsx';
import { formatInstant } from '../components/formatInstant.ts';
import { DiffView } from './DiffView.tsx';
import { MigrationHistory } from './MigrationHistory.tsx';

const DRAFT = 'draft';

interface VersionHistoryDialogProps {
  open: boolean;
  onClose: () => void;
  flowId: string;
  /** The draft as it is in the editor now. */
  draft: () => Flow;
  /** Puts a version's document into the draft (an undoable change). */
  restore: (flow: Flow) => void;
}

/** The published versions, and what changed between any two of them (or the draft). */
export function VersionHistoryDialog({ open, onClose, flowId, draft, restore }: VersionHistoryDialogProps) {
  const versions = useFlowVersions(flowId);
  const list = versions.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string>(DRAFT);
  // Default: the latest version against the draft; with one version only there is nothing older.
  const base = from ?? (list[0] ? String(list[0].version) : null);
  const fromVersion = useFlowVersion(flowId, base && base !== DRAFT ? Number(base) : null);
  const toVersion = useFlowVersion(flowId, to !== DRAFT ? Number(to) : null);
  const draftNow = useMemo(() => (open ? draft() : null), [open, draft]);
  // Stored versions are documents as saved; read them as the editor reads drafts.
  const docOf = (choice: string | null, q: typeof fromVersion) => (choice === DRAFT ? draftNow : q.data ? prepareDraft(q.data.flow).flow : null);
  const a = docOf(base, fromVersion);
  const b = docOf(to, toVersion);
  const options = [{ value: DRAFT, label: 'Current draft' }, ...list.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))];
  return (
    <Dialog open={open} onClose={onClose} title="Version history" wide testId="history-dialog">
      {versions.isPending ? (
        <p>Loading versions…</p>
      ) : versions.isError ? (
        <p className="hg-error-text">{errorMessage(versions.error)}</p>
      ) : list.length === 0 ? (
        <p>This flow has not been published yet. Publish it to start its history.</p>
      ) : (
        <div className="hg-history">
          <table className="hg-table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Published</th>
                <th>Note</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version}>
                  <td>v{v.version}</td>
                  <td>{formatInstant(v.publishedAt)}</td>
                  <td>{v.note || <span className="hg-hint">—</span>}</td>
                  <td>
                    <RestoreButton
                      flowId={flowId}
                      version={v.version}
                      onRestore={(f) => {
                        restore(f);
                        onClose();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="hg-row hg-history__compare">
            <label>
              Compare{' '}
              <select className="hg-input" value={base ?? ''} onChange={(e) => setFrom(e.target.value)} aria-label="Older">
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with{' '}
              <select className="hg-input" value={to} onChange={(e) => setTo(e.target.value)} aria-label="Newer">
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {a && b ? <DiffView before={a} after={b} /> : <p>Loading…</p>}
          <MigrationHistory flowId={flowId} />
        </div>
      )}
    </Dialog>
  );
}

function RestoreButton({ flowId, version, onRestore }: { flowId: string; version: number; onRestore: (f: Flow) => void }) {
  const [wanted, setWanted] = useState(false);
  const q = useFlowVersion(flowId, wanted ? version : null);
  useEffect(() => {
    if (wanted && q.data) {
      setWanted(false);
      onRestore(prepareDraft(q.data.flow).flow);
    }
  }, [wanted, q.data, onRestore]);
  return (
    <button
      type="button"
      className="hg-link-button"
      disabled={wanted}
      onClick={() => setWanted(true)}
      title="Replace the draft with this version; undo brings the draft back."
    >
      {wanted ? 'Loading…' : 'Copy into the draft'}
    </button>
  );
}
