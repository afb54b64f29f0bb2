import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { ScenarioList } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The scenarios saved with a flow, by name, with the traces they are expected to give. */
export function useScenarios(flowId: string) {
  return useQuery({
    queryKey: queryKeys.scenarios(flowId),
    queryFn: ({ signal }) => apiFetch<ScenarioList>(`/flows/${encodeURIComponent(flowId)}/scenarios`, { signal }).then((r) => r.scenarios),
    refetchOnWindowFocus: false,
  });
}
