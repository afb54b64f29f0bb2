import { useQuery } from '@tanstack/react-query';
import { Flow } from '@hourglass/documents';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** The flows of workflows/, offered as starting points for a new flow; unreadable ones are left out. */
export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: async ({ signal }) => {
      const { templates } = await apiCall('listTemplates', { signal });
      return templates.flatMap((t) => {
        const parsed = Flow.safeParse(t);
        return parsed.success ? [parsed.data] : [];
      });
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}
