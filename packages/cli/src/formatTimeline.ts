import type { Flow, Scenario } from '@hourglass/documents';
import { formatLocal, scenarioInstant, type Simulation } from '@hourglass/engine';

interface Line { at: number; order: number; text: string }

/** The simulation as a readable timeline, instants in the flow's time zone. */
export function formatTimeline(sim: Simulation, flow: Flow, scenario: Scenario): string {
  const tz = flow.settings.timezone ?? 'UTC';
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const lines: Line[] = [];
  let order = 0;
  const add = (at: number, text: string) => lines.push({ at, order: order++, text });
  const name = (id: string) => {
    const n = nodes.get(id);
    return n?.label ? `${n.label} (${id})` : id;
  };

  for (const e of scenario.events) {
    const at = scenarioInstant(e.at, sim.start);
    if (at > sim.end) continue;
    const data = e.data && Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : '';
    add(at, `· event ${e.type}${data}${e.stage ? ` → stage ${e.stage}` : ''}`);
  }
  const emails = sim.emails.filter((m) => m.kind === 'marketing');
  const used = new Set<number>();
  sim.trace.enrolments.forEach((enr, i) => {
    add(Date.parse(enr.enteredAt), `▶ enters the flow${sim.trace.enrolments.length > 1 ? ` (enrolment ${i + 1})` : ''}`);
    for (const s of enr.steps) {
      const at = Date.parse(s.at);
      const port = s.port ? ` → ${s.port}` : '';
      let extra = '';
      if (s.type === 'sendEmail') {
        const idx = emails.findIndex((m, k) => !used.has(k) && m.node === s.node && m.at >= at);
        if (idx >= 0) {
          used.add(idx);
          const m = emails[idx]!;
          const when = m.at > at ? `, held by the send window until ${formatLocal(m.at, tz)}` : '';
          extra = m.suppressed ? ` — "${m.subject}" not sent (${m.suppressed})${when}` : ` — "${m.subject}" to ${m.to}${when}`;
        } else extra = ' — held by the send window';
      }
      if (s.type === 'handoff') {
        const h = sim.handoffs.find((x) => x.node === s.node && x.at === at);
        if (h) extra = ` — to ${h.owner ?? 'no owner'} (score ${h.score.score}: fit ${h.score.fit}, behaviour ${h.score.behaviour})`;
      }
      add(at, `  ${s.type.padEnd(9)} ${name(s.node)}${port}${extra}`);
    }
    if (enr.endedAt) add(Date.parse(enr.endedAt), enr.status === 'goal' ? '■ meets the goal and leaves the flow' : '■ completes the flow');
  });

  lines.sort((a, b) => a.at - b.at || a.order - b.order);
  const out: string[] = [];
  out.push(`${flow.name} (${flow.id})`);
  out.push(`Scenario: ${scenario.name ?? '(unnamed)'} — contact ${scenario.contact.id}`);
  out.push(`From ${formatLocal(sim.start, tz)} to ${formatLocal(sim.end, tz)}, times in ${tz}`);
  out.push('');
  let previous = '';
  const width = Math.max(0, ...lines.map((l) => formatLocal(l.at, tz).length));
  for (const l of lines) {
    const when = formatLocal(l.at, tz);
    out.push(`${(when === previous ? '' : when).padEnd(width)}  ${l.text}`);
    previous = when;
  }
  const t = sim.trace;
  const last = t.enrolments[t.enrolments.length - 1];
  out.push('');
  out.push(
    t.status === 'not-enrolled' ? 'Result: the contact never entered the flow.'
      : t.status === 'active' ? `Result: still in the flow at the end, waiting on ${name(last!.position!)}.`
        : `Result: ${t.status === 'goal' ? 'met the goal' : 'completed'} at ${formatLocal(Date.parse(last!.endedAt!), tz)}.`,
  );
  const c = t.contact;
  out.push(`Contact at the end: score ${c.score}, stage ${c.stage}, owner ${c.owner ?? 'none'}`);
  const sent = t.emails.filter((m) => !m.suppressed).length;
  out.push(`Emails: ${sent} sent, ${t.emails.length - sent} suppressed; handoffs: ${t.handoffs.length}`);
  return out.join('\n');
}
