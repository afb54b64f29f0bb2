import type { Flow, Scenario } from '@hourglass/documents';
import { formatLocal, scenarioInstant, simulationTimeline, type Simulation } from '@hourglass/engine';

interface Line {
  at: number;
  order: number;
  text: string;
}

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
  // Steps, emails and handoffs as the editor lists them (packages/engine's timeline), with each
  // enrolment's entry and end around them.
  const enrolments = sim.trace.enrolments;
  const entered = new Set<number>();
  const stepAt = new Map<string, number>();
  const indent = ' '.repeat(12);
  for (const e of simulationTimeline(sim)) {
    if (e.kind === 'step') {
      if (!entered.has(e.enrolment)) {
        entered.add(e.enrolment);
        add(Date.parse(enrolments[e.enrolment]!.enteredAt), `▶ enters the flow${enrolments.length > 1 ? ` (enrolment ${e.enrolment + 1})` : ''}`);
      }
      stepAt.set(e.node, e.at);
      add(e.at, `  ${e.type.padEnd(9)} ${name(e.node)}${e.port ? ` → ${e.port}` : ''}`);
    } else if (e.kind === 'email') {
      const held = e.at > (stepAt.get(e.node) ?? e.at) ? `, held by the send window until ${formatLocal(e.at, tz)}` : '';
      const what = e.notification ? `notification "${e.subject}"` : `"${e.subject}"`;
      add(e.at, `${indent}✉ ${what}${e.suppressed ? ` not sent (${e.suppressed})` : ` to ${e.to}`}${held}${e.error ? `: ${e.error}` : ''}`);
    } else {
      add(e.at, `${indent}→ handed to ${e.owner ?? 'no owner'} (score ${e.score.score}: fit ${e.score.fit}, behaviour ${e.score.behaviour})`);
    }
  }
  for (const [i, enr] of enrolments.entries()) {
    if (!enr.endedAt) continue;
    const text = enr.status === 'goal' ? '■ meets the goal and leaves the flow' : '■ completes the flow';
    add(Date.parse(enr.endedAt), `${text}${enrolments.length > 1 ? ` (enrolment ${i + 1})` : ''}`);
  }

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
    t.status === 'not-enrolled'
      ? 'Result: the contact never entered the flow.'
      : t.status === 'active'
        ? `Result: still in the flow at the end, waiting on ${name(last!.position!)}.`
        : `Result: ${t.status === 'goal' ? 'met the goal' : 'completed'} at ${formatLocal(Date.parse(last!.endedAt!), tz)}.`,
  );
  const c = t.contact;
  out.push(`Contact at the end: score ${c.score}, stage ${c.stage}, owner ${c.owner ?? 'none'}`);
  const sent = t.emails.filter((m) => !m.suppressed).length;
  out.push(`Emails: ${sent} sent, ${t.emails.length - sent} suppressed; handoffs: ${t.handoffs.length}`);
  return out.join('\n');
}
