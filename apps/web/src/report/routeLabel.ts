import type { HandoffConfig } from '@hourglass/documents';
import { summarizeCondition } from '../summaries/summarizeCondition.ts';

/** How a handoff chose its owner (the report's `route`), in words, with the rule it names. */
export function routeLabel(route: string, config: HandoffConfig | undefined): string {
  const rule = /^rule-(\d+)$/.exec(route);
  if (rule) {
    const r = config?.routing?.[Number(rule[1]) - 1];
    return r ? `Rule ${rule[1]}: ${summarizeCondition(r.if)} → ${r.owner}` : `Rule ${rule[1]}`;
  }
  switch (route) {
    case 'owner':
      return 'Kept the owner the contact had';
    case 'round-robin':
      return config?.roundRobin?.length ? `Round robin (${config.roundRobin.join(', ')})` : 'Round robin';
    case 'fallback':
      return config?.fallback ? `Fallback → ${config.fallback}` : 'Fallback';
    case 'none':
      return 'No owner found';
    default:
      return 'Before routes were recorded';
  }
}
