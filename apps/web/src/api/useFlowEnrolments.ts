import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

const POLL_MS = 5000;

/** The contacts in a flow now, polled while `live` (a published flow is open). */
export function useFlowEnrolments(id: string, live: boolean) {
  return useQuery({
    queryKey: queryKeys.enrolments(id),
    queryFn: ({ signal }) => apiCall('listEnrolments', { params: { id }, signal }),
    enabled: live,
    refetchInterval: live ? POLL_MS : false,
  });
}
