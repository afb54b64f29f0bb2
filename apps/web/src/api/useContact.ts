import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** One contact with its score split, events and enrolments. */
export function useContact(id: string | null) {
  return useQuery({
    queryKey: queryKeys.contact(id ?? ''),
    queryFn: ({ signal }) => apiCall('getContact', { params: { id: id! }, signal }),
    enabled: id !== null,
  });
}
