import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactChangesBody } from '@hourglass/api';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Creates or updates a contact (PUT /api/contacts/:id): properties merge, the stage only moves forward. */
export function useSaveContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ContactChangesBody }) => apiCall('saveContact', { params: { id }, body: changes }),
    onSuccess: (_r, { id }) =>
      Promise.all([client.invalidateQueries({ queryKey: ['contacts', 'search'] }), client.invalidateQueries({ queryKey: queryKeys.contact(id) })]),
  });
}
