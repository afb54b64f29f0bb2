import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiCall } from './apiClient.ts';
import { queryKeys } from './queryKeys.ts';

/** Filters of a flow report: UTC days (YYYY-MM-DD, `to` excluded) and a version, '' for all. */
export interface ReportFilters {
  from: string;
  to: string;
  version: string;
}

/** How a flow performed (GET /api/flows/:id/report), refreshed every half minute. */
export function useFlowReport(id: string, filters: ReportFilters, enabled = true) {
  return useQuery({
    queryKey: queryKeys.report(id, { ...filters }),
    queryFn: ({ signal }) => apiCall('flowReport', { params: { id }, query: { from: filters.from, to: filters.to, version: filters.version }, signal }),
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval: 30_000,
  });
}
