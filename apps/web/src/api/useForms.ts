import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormBody } from '@hourglass/api';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Every form. */
export function useForms() {
  return useQuery({ queryKey: queryKeys.forms, queryFn: ({ signal }) => apiCall('listForms', { signal }) });
}

/** One form; disabled for a new one. */
export function useForm(id: string | null) {
  return useQuery({
    queryKey: queryKeys.form(id ?? ''),
    queryFn: ({ signal }) => apiCall('getForm', { params: { id: id! }, signal }),
    enabled: id !== null,
    refetchOnWindowFocus: false,
  });
}

/** Saves a form; the server answers 400 with problems pointing at the fields. */
export function useSaveForm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, form }: { id: string; form: FormBody }) => apiCall('saveForm', { params: { id }, body: form }),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.form(saved.id), saved);
      void client.invalidateQueries({ queryKey: queryKeys.forms, exact: true });
    },
  });
}

export function useDeleteForm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCall('deleteForm', { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.forms }),
  });
}
