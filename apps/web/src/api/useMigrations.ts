import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The migrations of a flow's contacts between versions, newest first. */
export function useMigrations(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.migrations(id),
    queryFn: ({ signal }) => apiCall('listMigrations', { params: { id }, signal }).then((r) => r.migrations),
    enabled,
  });
}
