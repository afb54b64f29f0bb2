import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { Handoff } from './apiTypes.ts';

/** Accepts or rejects a handoff, with an optional note for marketing. */
export function useHandoffFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verdict, note }: { id: string; verdict: 'accepted' | 'rejected'; note?: string }) =>
      apiFetch<Handoff>(`/handoffs/${encodeURIComponent(id)}/feedback`, { method: 'POST', body: { verdict, ...(note?.trim() ? { note: note.trim() } : {}) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['handoffs'] }),
  });
}
