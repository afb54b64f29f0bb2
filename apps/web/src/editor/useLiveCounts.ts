import { useEffect, useMemo } from 'react';
import { useFlowEnrolments } from '../api/useFlowEnrolments.ts';
import { useFlowReport } from '../api/useFlowReport.ts';
import type { EditorStore } from './store/createEditorStore.ts';

const ALL_TIME = { from: '', to: '', version: '' };

/**
 * Polls how many contacts wait on each node of a published flow and shows it on the canvas; in
 * the "all time" mode, how many entered each node (the flow report's counters) instead.
 */
export function useLiveCounts(store: EditorStore, flowId: string, published: boolean, mode: 'now' | 'all' = 'now') {
  const enrolments = useFlowEnrolments(flowId, published && mode === 'now');
  const report = useFlowReport(flowId, ALL_TIME, published && mode === 'all');
  const entered = useMemo(() => (report.data ? Object.fromEntries(Object.entries(report.data.nodes).map(([id, n]) => [id, n.entered])) : null), [report.data]);
  const counts = !published ? null : mode === 'all' ? entered : (enrolments.data?.counts ?? null);
  useEffect(() => store.getState().setLiveCounts(counts), [store, counts]);
  return mode === 'all' ? report : enrolments;
}
