import { useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Where public links point (HOURGLASS_PUBLIC_URL): a setting of the server, it does not change while it runs. */
export function usePublicSettings() {
  return useQuery({
    queryKey: queryKeys.publicSettings,
    queryFn: ({ signal }) => apiCall('getPublicSettings', { signal }),
    staleTime: Infinity,
  });
}
