import { useQuery } from '@tanstack/react-query';
import type { ScoringModel } from '@hourglass/documents';
import { apiFetch } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The scoring model of the workspace. */
export function useScoring() {
  return useQuery({
    queryKey: queryKeys.scoring,
    queryFn: ({ signal }) => apiFetch<ScoringModel>('/scoring', { signal }),
    refetchOnWindowFocus: false,
  });
}
