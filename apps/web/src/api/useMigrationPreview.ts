import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MigrationBody } from '@hourglass/api';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/**
 * What moving the contacts of one version to another would do: per node, problems, and a few
 * contacts simulated forward both ways. A POST that changes nothing, read as a query of its body.
 */
export function useMigrationPreview(id: string, body: MigrationBody | null) {
  return useQuery({
    queryKey: queryKeys.migrationPreview(id, body),
    queryFn: ({ signal }) => apiCall('previewMigration', { params: { id }, body: body!, signal }),
    enabled: body !== null,
    // A new mapping keeps the last preview on screen until the new one is in.
    placeholderData: keepPreviousData,
  });
}
