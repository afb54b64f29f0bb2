import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CanvasNote } from '@hourglass/api';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Replaces the notes on a flow's canvas; the cached notes follow, so reopening the flow shows them. */
export function useSaveFlowNotes(flowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notes: CanvasNote[]) => apiCall('saveFlowNotes', { params: { id: flowId }, body: { notes } }),
    onSuccess: (saved) => client.setQueryData(queryKeys.notes(flowId), saved.notes),
  });
}
