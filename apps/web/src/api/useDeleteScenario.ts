import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Deletes a scenario saved with the flow. */
export function useDeleteScenario(flowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiCall('deleteScenario', { params: { id: flowId, name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.scenarios(flowId) }),
  });
}
