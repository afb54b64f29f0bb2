import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Whether a flow is paused (it enrols nobody and fires no timers), and since when. */
export function useFlowPause(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.pause(id),
    queryFn: ({ signal }) => apiCall('getPause', { params: { id }, signal }),
    enabled,
  });
}

/** Pauses or resumes a flow; resuming may skip the emails whose moment passed meanwhile. */
export function useSetFlowPause(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { pause: true } | { pause: false; skipPastEmails: boolean }) =>
      change.pause ? apiCall('pauseFlow', { params: { id } }) : apiCall('resumeFlow', { params: { id }, body: { skipPastEmails: change.skipPastEmails } }),
    onSuccess: (state) => {
      client.setQueryData(queryKeys.pause(id), { paused: state.paused, pausedAt: state.pausedAt });
      return client.invalidateQueries({ queryKey: queryKeys.enrolments(id) });
    },
  });
}
