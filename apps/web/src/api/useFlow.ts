import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { FlowDraft } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/**
 * The draft of one flow. Fetched afresh every time an editor opens (`isFresh`): the editor
 * works on its own copy from then on, and must not start from an older cached draft.
 */
export function useFlow(id: string) {
  const query = useQuery({
    queryKey: queryKeys.flow(id),
    queryFn: ({ signal }) => apiFetch<FlowDraft>(`/flows/${encodeURIComponent(id)}`, { signal }),
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return { ...query, isFresh: query.isSuccess && query.isFetchedAfterMount && !query.isFetching };
}
