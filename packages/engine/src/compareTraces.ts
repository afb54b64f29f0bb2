import type { Trace, TraceEnrolment } from '@hourglass/documents';

/** One way a scenario's outcome changed, in words a marketer reads in a regression list. */
export interface TraceChange {
  /** Where: `status`, `enrolments/0/steps`, `emails`, `handoffs`, `contact/score`, … */
  path: string;
  message: string;
}

const instant = (v: string | null | undefined) => (v == null ? null : Date.parse(v));
const stepText = (s: TraceEnrolment['steps'][number]) => `${s.node}${s.port ? ` → ${s.port}` : ''} at ${new Date(Date.parse(s.at)).toISOString()}`;

/**
 * What changed between a scenario's kept trace and a new one (instants compared as instants).
 * An empty list means the outcome is the same.
 */
export function compareTraces(expected: Trace, actual: Trace): TraceChange[] {
  const changes: TraceChange[] = [];
  const add = (path: string, message: string) => changes.push({ path, message });
  if (expected.status !== actual.status) add('status', `ended ${actual.status} instead of ${expected.status}`);
  const n = Math.max(expected.enrolments.length, actual.enrolments.length);
  for (let i = 0; i < n; i++) {
    const e = expected.enrolments[i];
    const a = actual.enrolments[i];
    const at = `enrolments/${i}`;
    if (!a) {
      add(at, `enrolment ${i + 1} no longer happens`);
      continue;
    }
    if (!e) {
      add(at, `a new enrolment ${i + 1} starts at ${a.enteredAt}`);
      continue;
    }
    if (e.status !== a.status) add(`${at}/status`, `enrolment ${i + 1} is ${a.status} instead of ${e.status}`);
    if (instant(e.enteredAt) !== instant(a.enteredAt)) add(`${at}/enteredAt`, `enrolment ${i + 1} starts at ${a.enteredAt} instead of ${e.enteredAt}`);
    if (instant(e.endedAt) !== instant(a.endedAt))
      add(`${at}/endedAt`, `enrolment ${i + 1} ends at ${a.endedAt ?? 'no time (still running)'} instead of ${e.endedAt ?? 'no time (still running)'}`);
    if ((e.position ?? null) !== (a.position ?? null))
      add(`${at}/position`, `the contact waits on ${a.position ?? 'nothing'} instead of ${e.position ?? 'nothing'}`);
    const was = e.steps.map(stepText);
    const now = a.steps.map(stepText);
    const first = was.findIndex((s, k) => s !== now[k]);
    if (first >= 0 || was.length !== now.length) {
      const k = first >= 0 ? first : Math.min(was.length, now.length);
      add(
        `${at}/steps`,
        `the path differs from step ${k + 1}: was ${was.slice(k).join(', ') || 'nothing more'}; now ${now.slice(k).join(', ') || 'nothing more'}`,
      );
    }
  }
  const mail = (t: Trace) =>
    t.emails.map((m) => `"${m.subject}" (${m.node}${m.suppressed ? `, suppressed: ${m.suppressed}` : ''}) at ${new Date(Date.parse(m.at)).toISOString()}`);
  const [we, ae] = [mail(expected), mail(actual)];
  for (const m of we) if (!ae.includes(m)) add('emails', `no longer sends ${m}`);
  for (const m of ae) if (!we.includes(m)) add('emails', `now sends ${m}`);
  const hand = (t: Trace) => t.handoffs.map((h) => `${h.node} to ${h.owner ?? 'no owner'} at ${new Date(Date.parse(h.at)).toISOString()}`);
  const [wh, ah] = [hand(expected), hand(actual)];
  for (const h of wh) if (!ah.includes(h)) add('handoffs', `no longer hands off ${h}`);
  for (const h of ah) if (!wh.includes(h)) add('handoffs', `now hands off ${h}`);
  const c = (k: 'score' | 'stage' | 'owner') => {
    if ((expected.contact[k] ?? null) !== (actual.contact[k] ?? null))
      add(`contact/${k}`, `the contact's ${k} at the end is ${actual.contact[k] ?? 'none'} instead of ${expected.contact[k] ?? 'none'}`);
  };
  c('score');
  c('stage');
  c('owner');
  if (JSON.stringify(sorted(expected.contact.properties)) !== JSON.stringify(sorted(actual.contact.properties))) {
    add('contact/properties', `the contact's properties at the end differ: ${JSON.stringify(actual.contact.properties)}`);
  }
  return changes;
}

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
