import type { FlowEdge, FlowNode } from '@hourglass/documents';
import { NODE_TYPE_INFO } from '../nodes/nodeTypeInfo.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { isEmptyDiff, type FlowDiff } from './diffFlows.ts';

const FLOW_FIELDS: Record<FlowDiff['flowChanged'][number], string> = {
  name: 'Name',
  description: 'Description',
  settings: 'Settings (time zone, send window, goal or re-entry)',
};
const nodeLine = (n: FlowNode) => `${NODE_TYPE_INFO[n.type]?.title ?? n.type} “${n.label ?? n.id}” (${n.id}): ${summarizeNode(n)}`;
const edgeLine = (e: FlowEdge) => `${e.from}${e.port ? ` —${e.port}→ ` : ' → '}${e.to}`;

/** What changed between two versions, in sentences: steps and connections added, removed, changed. */
export function DiffView({ diff }: { diff: FlowDiff }) {
  if (isEmptyDiff(diff)) {
    return (
      <p data-testid="diff-empty">
        No differences{diff.nodesMoved.length ? ` except ${diff.nodesMoved.length} step${diff.nodesMoved.length === 1 ? '' : 's'} moved on the canvas` : ''}.
      </p>
    );
  }
  return (
    <div className="hg-diff" data-testid="diff">
      {diff.flowChanged.length > 0 && <Section title="Flow settings changed" items={diff.flowChanged.map((f) => FLOW_FIELDS[f])} kind="changed" />}
      <Section title="Steps added" items={diff.nodesAdded.map(nodeLine)} kind="added" />
      <Section title="Steps removed" items={diff.nodesRemoved.map(nodeLine)} kind="removed" />
      <Section
        title="Steps changed"
        kind="changed"
        items={diff.nodesChanged.map((c) => `${c.id} (${c.fields.join(', ')}): ${summarizeNode(c.before)}  ⟶  ${summarizeNode(c.after)}`)}
      />
      <Section title="Connections added" items={diff.edgesAdded.map(edgeLine)} kind="added" />
      <Section title="Connections removed" items={diff.edgesRemoved.map(edgeLine)} kind="removed" />
      {diff.nodesMoved.length > 0 && (
        <p className="hg-hint">
          {diff.nodesMoved.length} step{diff.nodesMoved.length === 1 ? '' : 's'} only moved on the canvas.
        </p>
      )}
    </div>
  );
}

function Section({ title, items, kind }: { title: string; items: string[]; kind: 'added' | 'removed' | 'changed' }) {
  if (items.length === 0) return null;
  return (
    <section className={`hg-diff__section hg-diff__section--${kind}`}>
      <h3>
        {title} ({items.length})
      </h3>
      <ul>
        {items.map((i, n) => (
          <li key={n}>{i}</li>
        ))}
      </ul>
    </section>
  );
}
