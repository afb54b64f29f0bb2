import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The published versions of a flow, newest first. */
export function useFlowVersions(id: string) {
  return useQuery({
    queryKey: queryKeys.versions(id),
    queryFn: ({ signal }) => apiCall('listVersions', { params: { id }, signal }).then((r) => r.versions),
  });
}
