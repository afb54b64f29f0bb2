import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The handoffs of one contact or one flow, with the verdict and note of sales; refreshed like the inbox. */
export function useHandoffList(filter: { contact: string } | { flow: string }) {
  return useQuery({
    queryKey: queryKeys.handoffList(filter),
    queryFn: ({ signal }) => apiCall('listHandoffs', { query: filter, signal }).then((r) => r.handoffs),
    refetchInterval: 30_000,
  });
}
