import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Sales' verdicts on every flow's handoffs by score band (GET /api/scoring/feedback), refreshed every minute. */
export function useScoringFeedback() {
  return useQuery({
    queryKey: queryKeys.scoringFeedback,
    queryFn: ({ signal }) => apiCall('scoringFeedback', { signal }),
    refetchInterval: 60_000,
  });
}
