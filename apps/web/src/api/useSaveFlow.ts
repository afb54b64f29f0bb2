import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Flow } from '@hourglass/documents';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/**
 * Saves a draft (autosave). The flow list and what publishing would meet (triggers shared with
 * live flows) are refreshed; the open draft is not replaced.
 */
export function useSaveFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (flow: Flow) => apiCall('saveFlow', { params: { id: flow.id }, body: flow }),
    onSuccess: (_answer, flow) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
        client.invalidateQueries({ queryKey: queryKeys.publishCheck(flow.id) }),
      ]),
  });
}
