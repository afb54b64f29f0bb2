import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import type { HandoffStatus } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The sales inbox: handoffs of one status, refreshed every half minute. */
export function useHandoffs(status: HandoffStatus) {
  return useQuery({
    queryKey: queryKeys.handoffs(status),
    queryFn: ({ signal }) => apiCall('listHandoffs', { query: { status }, signal }).then((r) => r.handoffs),
    refetchInterval: 30_000,
  });
}
