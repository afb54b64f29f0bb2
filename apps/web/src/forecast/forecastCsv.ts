import type { Forecast } from '@hourglass/documents';

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A forecast as one CSV table for a spreadsheet: one row per node, edge, outcome, owner and
 * time-to-handoff figure, with the same numbers as the JSON document.
 */
export function forecastCsv(f: Forecast): string {
  const rows: (string | number | null)[][] = [['kind', 'id', 'from', 'port', 'to', 'count']];
  for (const [id, n] of Object.entries(f.nodes)) rows.push(['node', id, null, null, null, n.entered]);
  for (const e of f.edges) rows.push(['edge', `${e.from}${e.port ? `.${e.port}` : ''}→${e.to}`, e.from, e.port ?? null, e.to, e.taken]);
  for (const [k, v] of Object.entries(f.outcomes)) rows.push(['outcome', k, null, null, null, v]);
  for (const [owner, v] of Object.entries(f.handoffs)) rows.push(['handoff', owner, null, null, null, v]);
  const t = f.timeToHandoffHours;
  for (const [k, v] of [
    ['count', t.count],
    ['p10', t.p10],
    ['p50', t.p50],
    ['p90', t.p90],
  ] as const)
    rows.push(['timeToHandoffHours', k, null, null, null, v]);
  rows.push(['emails', 'sent', null, null, null, f.emails.sent], ['emails', 'suppressed', null, null, null, f.emails.suppressed]);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
