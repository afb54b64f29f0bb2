import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** An admin moves one contact onto another step of its flow, or removes it from the flow. */
export function useMoveEnrolment(contactId: string) {
  const client = useQueryClient();
  const refresh = (flowId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.contact(contactId) }),
      client.invalidateQueries({ queryKey: ['contacts', 'one', contactId] }),
      client.invalidateQueries({ queryKey: queryKeys.enrolments(flowId) }),
    ]);
  const move = useMutation({
    mutationFn: ({ flowId, enrolmentId, node }: { flowId: string; enrolmentId: string; node: string }) =>
      apiCall('moveEnrolment', { params: { id: flowId, enrolmentId }, body: { node } }),
    onSuccess: (_r, { flowId }) => refresh(flowId),
  });
  const remove = useMutation({
    mutationFn: ({ flowId, enrolmentId }: { flowId: string; enrolmentId: string }) => apiCall('removeEnrolment', { params: { id: flowId, enrolmentId } }),
    onSuccess: (_r, { flowId }) => refresh(flowId),
  });
  return { move, remove };
}
