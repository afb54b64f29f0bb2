import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { SavedScenario, ScenarioBody } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Saves a scenario with the flow under a name (replacing one of that name). */
export function useSaveScenario(flowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, ...body }: ScenarioBody & { name: string }) =>
      apiFetch<SavedScenario>(`/flows/${encodeURIComponent(flowId)}/scenarios/${encodeURIComponent(name)}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.scenarios(flowId) }),
  });
}
