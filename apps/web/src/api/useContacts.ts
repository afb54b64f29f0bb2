import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import type { ContactSummary } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Contacts matching a search text (all contacts, up to the limit, for an empty search). */
export function useContacts(search: string, limit = 50) {
  return useQuery<ContactSummary[]>({
    queryKey: queryKeys.contacts(search),
    queryFn: ({ signal }) => apiCall('listContacts', { query: { search, limit }, signal }).then((r) => r.contacts),
    placeholderData: keepPreviousData,
  });
}
