import type { ReportFilters } from '../api/useFlowReport.ts';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The report's filters for days picked on a page: the last day included (the API's `to` is excluded). */
export function reportFilters(from: string, until: string, version = ''): ReportFilters {
  return { from, to: until ? nextDay(until) : '', version };
}
