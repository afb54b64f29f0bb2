import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Deletes a scenario saved with the flow. */
export function useDeleteScenario(flowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<void>(`/flows/${encodeURIComponent(flowId)}/scenarios/${encodeURIComponent(name)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.scenarios(flowId) }),
  });
}
