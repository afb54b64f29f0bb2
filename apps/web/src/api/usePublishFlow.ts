import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { PublishedVersion } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Publishes the saved draft as a new version, with a note. */
export function usePublishFlow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string) =>
      apiFetch<PublishedVersion>(`/flows/${encodeURIComponent(id)}/publish`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} }),
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.versions(id) }),
      client.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
      client.invalidateQueries({ queryKey: queryKeys.enrolments(id) }),
      client.invalidateQueries({ queryKey: queryKeys.flow(id), exact: true }),
    ]),
  });
}
