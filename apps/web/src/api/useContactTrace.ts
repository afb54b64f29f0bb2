import { useQuery } from '@tanstack/react-query';
import type { Trace } from '@hourglass/documents';
import { apiFetch } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** What happened to a contact in one flow, as a trace document. */
export function useContactTrace(contactId: string, flowId: string | null) {
  return useQuery({
    queryKey: queryKeys.trace(contactId, flowId ?? ''),
    queryFn: ({ signal }) => apiFetch<Trace>(`/contacts/${encodeURIComponent(contactId)}/trace?flow=${encodeURIComponent(flowId!)}`, { signal }),
    enabled: flowId !== null,
  });
}
