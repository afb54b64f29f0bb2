import { useEffect, useMemo } from 'react';
import { useFlowEnrolments } from '../api/useFlowEnrolments.ts';
import { useFlowReport } from '../api/useFlowReport.ts';
import { reportFilters } from '../report/reportRange.ts';
import type { EditorStore } from './store/createEditorStore.ts';
import { useEditorStore } from './store/EditorStoreContext.tsx';

/**
 * Polls how many contacts wait on each node of a published flow and shows it on the canvas; in
 * the "all time" mode (or a range of entry days), how many entered each node (the flow report's
 * counters) instead, and the report itself for the rates and shares drawn on nodes and edges.
 */
export function useLiveCounts(store: EditorStore, flowId: string, published: boolean, mode: 'now' | 'all' = 'now') {
  const range = useEditorStore((s) => s.countRange);
  const filters = useMemo(() => reportFilters(range.from, range.until), [range]);
  const enrolments = useFlowEnrolments(flowId, published && mode === 'now');
  const report = useFlowReport(flowId, filters, published && mode === 'all');
  const shown = published && mode === 'all' ? (report.data ?? null) : null;
  const entered = useMemo(() => (shown ? Object.fromEntries(Object.entries(shown.nodes).map(([id, n]) => [id, n.entered])) : null), [shown]);
  const counts = !published ? null : mode === 'all' ? entered : (enrolments.data?.counts ?? null);
  useEffect(() => store.getState().setLiveCounts(counts), [store, counts]);
  useEffect(() => store.getState().setReport(shown), [store, shown]);
  return mode === 'all' ? report : enrolments;
}
