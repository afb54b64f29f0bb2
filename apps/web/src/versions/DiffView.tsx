import { describeFlowDiff, diffFlows, isEmptyDiff, stepName, type Flow, type FlowNode } from '@hourglass/documents';
import { summarizeNode } from '../summaries/summarizeNode.ts';

const nodeLine = (n: FlowNode) => `${stepName(n)}: ${summarizeNode(n)}`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What changed from one version to another (or the draft), in sentences: steps and connections added, removed, changed. */
export function DiffView({ before, after }: { before: Flow; after: Flow }) {
  const diff = diffFlows(before, after);
  if (isEmptyDiff(diff)) {
    return (
      <p data-testid="diff-empty">No differences{diff.nodesMoved.length ? ` except ${plural(diff.nodesMoved.length, 'step')} moved on the canvas` : ''}.</p>
    );
  }
  const words = describeFlowDiff(before, after, diff);
  return (
    <div className="hg-diff" data-testid="diff">
      <Section title="Flow changed" items={words.flow} kind="changed" />
      <Section title="Steps added" items={diff.nodesAdded.map(nodeLine)} kind="added" />
      <Section title="Steps removed" items={diff.nodesRemoved.map(nodeLine)} kind="removed" />
      <Section title="Steps changed" count={diff.nodesChanged.length} items={words.stepsChanged} kind="changed" />
      <Section title="Connections added" items={words.connectionsAdded} kind="added" />
      <Section title="Connections removed" items={words.connectionsRemoved} kind="removed" />
      {words.movedOnly > 0 && <p className="hg-hint">{plural(words.movedOnly, 'step')} only moved on the canvas.</p>}
    </div>
  );
}

function Section({ title, items, kind, count = items.length }: { title: string; items: string[]; kind: 'added' | 'removed' | 'changed'; count?: number }) {
  if (items.length === 0) return null;
  return (
    <section className={`hg-diff__section hg-diff__section--${kind}`}>
      <h3>
        {title} ({count})
      </h3>
      <ul>
        {items.map((i, n) => (
          <li key={n}>{i}</li>
        ))}
      </ul>
    </section>
  );
}
