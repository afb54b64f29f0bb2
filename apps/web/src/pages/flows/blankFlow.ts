import { FLOW_FORMAT, type Flow } from '@hourglass/documents';

/** A new, empty flow: the settings are the spec's defaults, written out so the marketer sees them. */
export function blankFlow(id: string, name: string): Flow {
  return { format: FLOW_FORMAT, id, name, settings: { timezone: 'UTC', reentry: 'never' }, nodes: [], edges: [] };
}
