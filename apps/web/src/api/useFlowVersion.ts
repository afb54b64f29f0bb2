import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** One published version with its flow document; versions never change, so it is never refetched. */
export function useFlowVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: queryKeys.version(id, version ?? -1),
    queryFn: ({ signal }) => apiCall('getVersion', { params: { id, version: version! }, signal }),
    enabled: version !== null,
    staleTime: Infinity,
  });
}
