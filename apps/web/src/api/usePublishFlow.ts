import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Publishes the saved draft as a new version, with a note. */
export function usePublishFlow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => apiCall('publishFlow', { params: { id }, body: note.trim() ? { note: note.trim() } : {} }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.versions(id) }),
        client.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
        client.invalidateQueries({ queryKey: queryKeys.enrolments(id) }),
        client.invalidateQueries({ queryKey: queryKeys.publishCheck(id) }),
        client.invalidateQueries({ queryKey: queryKeys.flow(id), exact: true }),
      ]),
  });
}
