import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The scoring model of the workspace. */
export function useScoring() {
  return useQuery({
    queryKey: queryKeys.scoring,
    queryFn: ({ signal }) => apiCall('getScoring', { signal }),
    refetchOnWindowFocus: false,
  });
}
