import type { Flow, Forecast } from '@hourglass/documents';
import type { ForecastShortfall } from '@hourglass/engine';

const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1)}%` : '0%');

/** A forecast as a readable report: outcomes, handoffs, how many contacts reached each node, and why none passed a step. */
export function formatForecast(f: Forecast, flow: Flow, shortfalls: readonly ForecastShortfall[] = []): string {
  const out: string[] = [];
  out.push(`Forecast for ${flow.name} (${flow.id}): ${f.contacts} contacts, seed ${f.seed}`);
  out.push('');
  out.push('Outcomes');
  for (const [k, v] of Object.entries(f.outcomes)) out.push(`  ${k.padEnd(13)} ${String(v).padStart(8)}  ${pct(v, f.contacts)}`);
  out.push('');
  out.push('Contacts entering each node');
  for (const n of flow.nodes) {
    const entered = f.nodes[n.id]?.entered ?? 0;
    out.push(`  ${(n.label ?? n.id).slice(0, 40).padEnd(40)} ${String(entered).padStart(8)}  ${pct(entered, f.contacts)}`);
  }
  out.push('');
  const owners = Object.entries(f.handoffs);
  out.push(owners.length ? 'Handoffs per owner' : 'No handoffs');
  for (const [owner, n] of owners) out.push(`  ${owner.padEnd(40)} ${String(n).padStart(8)}`);
  const t = f.timeToHandoffHours;
  if (t.count) out.push(`Time to handoff: median ${t.p50} h (10% within ${t.p10} h, 90% within ${t.p90} h)`);
  out.push(`Emails: ${f.emails.sent} sent, ${f.emails.suppressed} suppressed`);
  if (shortfalls.length) out.push('', 'Why some steps stay empty', ...shortfalls.map((s) => `  ${s.sentence}`));
  return out.join('\n');
}
