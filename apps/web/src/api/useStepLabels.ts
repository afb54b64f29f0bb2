import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';
import { useFlowVersion } from './useFlowVersion.ts';

/** The label of each node of a flow document that has one, by node id. */
export function nodeLabels(flow: unknown): Record<string, string> {
  const nodes = typeof flow === 'object' && flow !== null ? (flow as { nodes?: unknown }).nodes : undefined;
  const out: Record<string, string> = {};
  if (!Array.isArray(nodes)) return out;
  for (const n of nodes) {
    if (typeof n !== 'object' || n === null) continue;
    const { id, label } = n as { id?: unknown; label?: unknown };
    if (typeof id === 'string' && typeof label === 'string' && label.trim()) out[id] = label.trim();
  }
  return out;
}

/**
 * The labels of a flow's steps, by node id: those of the live version (what contacts went
 * through), then those of the draft for steps not published yet. Empty while loading or when the
 * flow is gone, so callers fall back to the id.
 */
export function useStepLabels(flowId: string): Record<string, string> {
  const draft = useQuery({
    queryKey: queryKeys.flow(flowId),
    queryFn: ({ signal }) => apiCall('getFlow', { params: { id: flowId }, signal }),
    staleTime: 60_000,
    retry: false,
  });
  const live = useFlowVersion(flowId, draft.data?.publishedVersion ?? null);
  return { ...nodeLabels(draft.data?.flow), ...nodeLabels(live.data?.flow) };
}
