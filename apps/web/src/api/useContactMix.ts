import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** How the workspace's contacts spread over stages and property values (a forecast's cohort starts from it). */
export function useContactMix() {
  return useQuery({
    queryKey: queryKeys.contactMix,
    queryFn: ({ signal }) => apiCall('contactMix', { signal }),
    refetchOnWindowFocus: false,
  });
}
