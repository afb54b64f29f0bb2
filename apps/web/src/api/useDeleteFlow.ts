import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Deletes a flow; with `removeEnrolments`, also while contacts are enrolled (else 409). */
export function useDeleteFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, removeEnrolments = false }: { id: string; removeEnrolments?: boolean }) =>
      apiCall('deleteFlow', { params: { id }, ...(removeEnrolments ? { query: { removeEnrolments: true } } : {}) }),
    onSuccess: (_r, { id }) => {
      client.removeQueries({ queryKey: queryKeys.flow(id) });
      return client.invalidateQueries({ queryKey: queryKeys.flows, exact: true });
    },
  });
}
