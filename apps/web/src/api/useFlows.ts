import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Every flow with its state, for the flow list. */
export function useFlows() {
  return useQuery({
    queryKey: queryKeys.flows,
    queryFn: ({ signal }) => apiCall('listFlows', { signal }).then((r) => r.flows),
  });
}
