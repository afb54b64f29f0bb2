import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Enrols a contact by hand in a published flow with a manual trigger; 409 says why not. */
export function useEnrolContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ flowId, contactId }: { flowId: string; contactId: string }) => apiCall('enrol', { params: { id: flowId }, body: { contactId } }),
    onSuccess: (_r, { flowId, contactId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.contact(contactId) }),
        client.invalidateQueries({ queryKey: queryKeys.enrolments(flowId) }),
        client.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
      ]),
  });
}
