import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import type { ScenarioBody } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Saves a scenario with the flow under a name (replacing one of that name). */
export function useSaveScenario(flowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, ...body }: ScenarioBody & { name: string }) => apiCall('saveScenario', { params: { id: flowId, name }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.scenarios(flowId) }),
  });
}
