import type { Problem } from '@hourglass/documents';
import { friendlyMessage } from '../problems/friendlyMessage.ts';

/** Problems of a document outside the editor (an import, the scoring model), with where they are. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <ul className="hg-problem-list" data-testid="problem-list">
      {problems.map((p, i) => (
        <li key={i} className={`hg-problem--${p.severity}`}>
          <strong>{p.severity === 'error' ? 'Error' : 'Warning'}</strong> {friendlyMessage(p, true)}
          {p.pointer && <span className="hg-hint hg-mono"> ({p.pointer})</span>}
        </li>
      ))}
    </ul>
  );
}
