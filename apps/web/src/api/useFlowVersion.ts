import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { FlowVersion } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** One published version with its flow document; versions never change, so it is never refetched. */
export function useFlowVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: queryKeys.version(id, version ?? -1),
    queryFn: ({ signal }) => apiFetch<FlowVersion>(`/flows/${encodeURIComponent(id)}/versions/${version}`, { signal }),
    enabled: version !== null,
    staleTime: Infinity,
  });
}
