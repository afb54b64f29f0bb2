import type { NodeType } from '@hourglass/documents';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { percent, splitVerdict } from './splitVerdict.ts';
import { emailNumbers, emailRates } from './emailRates.ts';
import { count, shortRate as rate, shortShare } from './reportNumbers.ts';

/**
 * What the report says of a node, under its summary on the canvas in the "all time" mode: an
 * email's sent, open, click and unsubscribe rates; a split's goal rate per branch, its chance to
 * be best and the verdict; a handoff's verdicts from sales. Nothing for other nodes or in "now".
 * It takes the place of the node's id line (report.css), so that the node grows as little as
 * possible over the steps laid out below it.
 */
export function NodeReport({ id, type }: { id: string; type: NodeType }) {
  // Per-node selectors: a new report re-renders only nodes whose part of it changed.
  const node = useEditorStore((s) => s.report?.nodes[id]);
  const email = useEditorStore((s) => (type === 'sendEmail' ? s.report?.emails[id] : undefined));
  const split = useEditorStore((s) => (type === 'split' ? s.report?.splits[id] : undefined));
  const handoff = useEditorStore((s) => (type === 'handoff' ? s.report?.handoffs[id] : undefined));

  if (email) {
    const n = emailNumbers(email, node?.entered ?? 0);
    const r = emailRates(n);
    return (
      <dl className="hg-node-report hg-node-report--email" data-testid={`email-rates-${id}`} aria-label="Email results, all time">
        <div title={`${count(n.sent)} sent of ${count(n.reached)} who reached this step`}>
          <dt>Sent</dt>
          <dd data-testid={`email-sent-${id}`}>{rate(r.sent)}</dd>
        </div>
        <div title={`${count(n.uniqueOpened)} of ${count(n.delivered)} delivered emails opened`}>
          <dt>Opened</dt>
          <dd data-testid={`email-opened-${id}`}>{rate(r.opened)}</dd>
        </div>
        <div title={`${count(n.uniqueClicked)} of ${count(n.delivered)} delivered emails clicked`}>
          <dt>Clicked</dt>
          <dd data-testid={`email-clicked-${id}`}>{rate(r.clicked)}</dd>
        </div>
        <div title={`${count(n.unsubscribed)} unsubscribed of ${count(n.delivered)} delivered`}>
          <dt>Unsub.</dt>
          <dd data-testid={`email-unsubscribed-${id}`}>{rate(r.unsubscribed)}</dd>
        </div>
      </dl>
    );
  }
  if (split) {
    const measure = split.measure === 'goal' ? 'goal' : 'finished';
    return (
      <div className="hg-node-report" data-testid={`split-report-${id}`}>
        <ul className="hg-node-report__branches" aria-label={`${measure === 'goal' ? 'Goal' : 'Completion'} rate and chance to be best per branch`}>
          {Object.entries(split.branches).map(([k, b]) => (
            <li key={k} data-testid={`split-branch-${id}-${k}`} title={`${count(b.goal)} of ${count(b.entered)} reached the ${measure}`}>
              <strong>{k.toUpperCase()}</strong> <span data-testid={`split-rate-${id}-${k}`}>{shortShare(b.goal, b.entered)}</span> {measure},{' '}
              <span data-testid={`split-best-${id}-${k}`}>{percent(split.probabilityBest[k] ?? 0)}</span> best
            </li>
          ))}
        </ul>
        <p className="hg-node-report__verdict" data-testid={`split-canvas-verdict-${id}`}>
          {splitVerdict(split.branches, split.probabilityBest)}
        </p>
      </div>
    );
  }
  if (handoff && handoff.total.handedOff > 0) {
    const t = handoff.total;
    return (
      <p className="hg-node-report" data-testid={`handoff-report-${id}`}>
        Sales accepted {count(t.accepted)}, rejected {count(t.rejected)}
        {t.open > 0 ? `, ${count(t.open)} waiting` : ''}
      </p>
    );
  }
  return null;
}
