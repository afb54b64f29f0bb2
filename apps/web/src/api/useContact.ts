import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { ContactDetail } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** One contact with its score split, events and enrolments. */
export function useContact(id: string | null) {
  return useQuery({
    queryKey: queryKeys.contact(id ?? ''),
    queryFn: ({ signal }) => apiFetch<ContactDetail>(`/contacts/${encodeURIComponent(id!)}`, { signal }),
    enabled: id !== null,
  });
}
