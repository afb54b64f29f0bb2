import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MigrationBody } from '@hourglass/api';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Moves the contacts of one version of a flow to another; answers once all are moved. */
export function useMigrate(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MigrationBody) => apiCall('migrate', { params: { id }, body }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.enrolments(id) }),
        client.invalidateQueries({ queryKey: queryKeys.migrations(id) }),
        client.invalidateQueries({ queryKey: ['contacts'] }),
      ]),
  });
}
