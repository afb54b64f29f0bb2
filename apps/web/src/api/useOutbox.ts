import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import type { OutboxEmail } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

export interface OutboxFilters {
  status?: string;
  flow?: string;
  contact?: string;
}

/** The mailbox: emails sent, suppressed, failed or pending, newest first as the server gives them. */
export function useOutbox(filters: OutboxFilters) {
  const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  return useQuery<OutboxEmail[]>({
    queryKey: queryKeys.outbox(params),
    queryFn: ({ signal }) => apiCall('listOutbox', { query: params, signal }).then((r) => r.emails),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
