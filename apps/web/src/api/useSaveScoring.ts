import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ScoringModel } from '@hourglass/documents';
import { apiFetch } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Saves the scoring model; the server answers 422 with problems when it is invalid. */
export function useSaveScoring() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (model: ScoringModel) => apiFetch<ScoringModel>('/scoring', { method: 'PUT', body: model }),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.scoring, saved);
      return client.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}
