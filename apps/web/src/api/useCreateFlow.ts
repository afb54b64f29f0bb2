import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Flow } from '@hourglass/documents';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Creates a flow (new, from a template, duplicate or import); 409 when the id exists. */
export function useCreateFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (flow: Flow) => apiCall('createFlow', { body: flow }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
  });
}
