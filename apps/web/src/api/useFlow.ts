import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/**
 * The draft of one flow. Fetched afresh every time an editor opens (`isFresh`): the editor
 * works on its own copy from then on, and must not start from an older cached draft.
 */
export function useFlow(id: string) {
  const query = useQuery({
    queryKey: queryKeys.flow(id),
    queryFn: ({ signal }) => apiCall('getFlow', { params: { id }, signal }),
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return { ...query, isFresh: query.isSuccess && query.isFetchedAfterMount && !query.isFetching };
}
