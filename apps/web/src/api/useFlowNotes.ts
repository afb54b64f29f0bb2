import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The notes on a flow's canvas, as saved beside the flow. */
export function useFlowNotes(flowId: string) {
  return useQuery({
    queryKey: queryKeys.notes(flowId),
    queryFn: ({ signal }) => apiCall('getFlowNotes', { params: { id: flowId }, signal }).then((r) => r.notes),
    refetchOnWindowFocus: false,
  });
}
