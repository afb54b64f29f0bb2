import { useContext, type ReactNode } from 'react';
import type { NodeType } from '@hourglass/documents';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { NodeReport } from '../report/NodeReport.tsx';
import { NodeIcon } from './NodeIcon.tsx';
import { NODE_TYPE_INFO } from './nodeTypeInfo.ts';
import { FarContext } from './FarContext.ts';

interface NodeShellProps {
  id: string;
  type: NodeType;
  label: string | undefined;
  /** The one-line summary; a function, so that a node drawn zoomed far out does not compute it. */
  summary: () => string;
  selected: boolean;
  children?: ReactNode;
}

/** The look shared by every node: icon and type, label, one-line summary, problem marker, live count. */
export function NodeShell(props: NodeShellProps) {
  return useContext(FarContext) ? <FarNode {...props} /> : <FullNode {...props} />;
}

/** Zoomed far out: the coloured box with its label and ports, and the simulation's highlight. */
function FarNode({ id, type, label, selected, children }: NodeShellProps) {
  const severity = useEditorStore((s) => s.severityByNode[id]);
  const simulated = useEditorStore((s) =>
    s.simulation ? (s.simulation.marker === id ? 'marker' : s.simulation.visitedNodes[id] ? 'visited' : 'dimmed') : null,
  );
  const classes = ['hg-node', `hg-node--${type}`, selected ? 'is-selected' : '', severity ? `has-${severity}` : '', simulated ? `is-sim-${simulated}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid={`node-${id}`} data-simulation={simulated ?? undefined}>
      {label && <div className="hg-node__label">{label}</div>}
      {children}
    </div>
  );
}

function FullNode({ id, type, label, summary: summarize, selected, children }: NodeShellProps) {
  const summary = summarize();
  // Per-node selectors: a new validation or poll re-renders only the nodes whose marker changes.
  const severity = useEditorStore((s) => s.severityByNode[id]);
  const count = useEditorStore((s) => (s.liveCounts ? (s.liveCounts[id] ?? 0) : null));
  const allTime = useEditorStore((s) => s.countMode === 'all');
  const simulated = useEditorStore((s) =>
    s.simulation ? (s.simulation.marker === id ? 'marker' : s.simulation.visitedNodes[id] ? 'visited' : 'dimmed') : null,
  );
  const forecast = useEditorStore((s) => (s.forecastCounts ? (s.forecastCounts.nodes[id] ?? 0) : null));
  const info = NODE_TYPE_INFO[type];
  const classes = ['hg-node', `hg-node--${type}`, selected ? 'is-selected' : '', severity ? `has-${severity}` : '', simulated ? `is-sim-${simulated}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-simulation={simulated ?? undefined}
      title={`${info.title}${label ? `: ${label}` : ''} — ${summary}`}
    >
      <div className="hg-node__head">
        <span className="hg-node__icon">
          <NodeIcon type={type} size={13} />
        </span>
        <span className="hg-node__type">{info.title}</span>
        {severity && (
          <span className={`hg-node__marker hg-node__marker--${severity}`} role="img" aria-label={severity === 'error' ? 'Has errors' : 'Has warnings'}>
            {severity === 'error' ? '!' : '⚠'}
          </span>
        )}
        {count !== null && (
          <span
            className={`hg-node__count${count === 0 ? ' hg-node__count--zero' : ''}`}
            data-testid={`count-${id}`}
            aria-label={`${count} contact${count === 1 ? '' : 's'} ${allTime ? 'entered, all time' : 'here now'}`}
          >
            {count}
          </span>
        )}
        {forecast !== null && (
          <span
            className="hg-node__forecast"
            data-testid={`forecast-count-${id}`}
            aria-label={`${forecast} forecast contact${forecast === 1 ? '' : 's'} entered`}
          >
            {forecast}
          </span>
        )}
      </div>
      {label && <div className="hg-node__label">{label}</div>}
      <div className="hg-node__summary">{summary}</div>
      <NodeReport id={id} type={type} />
      <div className="hg-node__id">{id}</div>
      {children}
    </div>
  );
}
