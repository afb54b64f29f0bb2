import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The scenarios saved with a flow, by name, with the traces they are expected to give. */
export function useScenarios(flowId: string) {
  return useQuery({
    queryKey: queryKeys.scenarios(flowId),
    queryFn: ({ signal }) => apiCall('listScenarios', { params: { id: flowId }, signal }).then((r) => r.scenarios),
    refetchOnWindowFocus: false,
  });
}
