import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { FlowEnrolments } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

const POLL_MS = 5000;

/** The contacts in a flow now, polled while `live` (a published flow is open). */
export function useFlowEnrolments(id: string, live: boolean) {
  return useQuery({
    queryKey: queryKeys.enrolments(id),
    queryFn: ({ signal }) => apiFetch<FlowEnrolments>(`/flows/${encodeURIComponent(id)}/enrolments`, { signal }),
    enabled: live,
    refetchInterval: live ? POLL_MS : false,
  });
}
