import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The contact property names the workspace knows (`GET /api/properties`), to check email variables. */
export function useKnownProperties() {
  return useQuery({
    queryKey: queryKeys.properties,
    queryFn: ({ signal }) => apiCall('knownProperties', { signal }).then((r) => r.names),
    refetchOnWindowFocus: false,
  });
}
