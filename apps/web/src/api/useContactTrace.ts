import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** What happened to a contact in one flow, as a trace document. */
export function useContactTrace(contactId: string, flowId: string | null) {
  return useQuery({
    queryKey: queryKeys.trace(contactId, flowId ?? ''),
    queryFn: ({ signal }) => apiCall('contactTrace', { params: { id: contactId }, query: { flow: flowId! }, signal }),
    enabled: flowId !== null,
  });
}
