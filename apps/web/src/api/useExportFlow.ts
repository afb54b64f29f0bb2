import { useMutation } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';

/** Fetches the flow document the server exports (the saved draft, possibly unfinished), for a download. */
export function useExportFlow() {
  return useMutation({
    mutationFn: (id: string) => apiCall('exportFlow', { params: { id } }),
  });
}
