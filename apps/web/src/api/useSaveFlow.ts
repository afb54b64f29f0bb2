import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Flow } from '@hourglass/documents';
import { apiFetch } from './apiClient.ts';
import type { SavedFlow } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Saves a draft (autosave). The flow list is refreshed; the open draft is not replaced. */
export function useSaveFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (flow: Flow) => apiFetch<SavedFlow>(`/flows/${encodeURIComponent(flow.id)}`, { method: 'PUT', body: flow }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
  });
}
