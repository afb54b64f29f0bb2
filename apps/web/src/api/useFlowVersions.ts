import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiClient.ts';
import type { PublishedVersion } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The published versions of a flow, newest first. */
export function useFlowVersions(id: string) {
  return useQuery({
    queryKey: queryKeys.versions(id),
    queryFn: ({ signal }) => apiFetch<{ versions: PublishedVersion[] }>(`/flows/${encodeURIComponent(id)}/versions`, { signal }).then((r) => r.versions),
  });
}
