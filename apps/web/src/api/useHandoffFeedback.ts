import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';

/** Accepts or rejects a handoff, with an optional note for marketing. */
export function useHandoffFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verdict, note }: { id: string; verdict: 'accepted' | 'rejected'; note?: string }) =>
      apiCall('handoffFeedback', { params: { id }, body: { verdict, ...(note?.trim() ? { note: note.trim() } : {}) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['handoffs'] }),
  });
}
