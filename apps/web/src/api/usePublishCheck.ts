import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/**
 * What publishing the saved draft would meet: the live version, the contacts in the flow now and
 * the live flows on the same trigger. Refreshed after every save and publish.
 */
export function usePublishCheck(id: string) {
  return useQuery({
    queryKey: queryKeys.publishCheck(id),
    queryFn: ({ signal }) => apiCall('publishCheck', { params: { id }, signal }),
  });
}
