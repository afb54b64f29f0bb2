import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ScoringModel } from '@hourglass/documents';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Saves the scoring model; the server answers 422 with problems when it is invalid. */
export function useSaveScoring() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (model: ScoringModel) => apiCall('saveScoring', { body: model }),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.scoring, saved);
      return client.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}
