import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import type { EmailSettings } from './apiTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The workspace's email settings: sender, footer and the layout's look. */
export function useEmailSettings() {
  return useQuery({
    queryKey: queryKeys.emailSettings,
    queryFn: ({ signal }) => apiCall('getEmailSettings', { signal }),
    refetchOnWindowFocus: false,
  });
}

/** Saves the email settings; the server answers 400 with problems pointing at the fields. */
export function useSaveEmailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: EmailSettings) => apiCall('saveEmailSettings', { body: settings }),
    onSuccess: (saved) => client.setQueryData(queryKeys.emailSettings, saved),
  });
}
