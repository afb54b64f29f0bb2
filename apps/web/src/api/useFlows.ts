import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { FlowSummary } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Every flow with its state, for the flow list. */
export function useFlows() {
  return useQuery({
    queryKey: queryKeys.flows,
    queryFn: ({ signal }) => apiFetch<{ flows: FlowSummary[] }>('/flows', { signal }).then((r) => r.flows),
  });
}
