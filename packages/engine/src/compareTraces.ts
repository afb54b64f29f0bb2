import { DateTime } from 'luxon';
import type { EnrolmentStatus, Flow, Scalar, Trace, TraceEnrolment, TraceStatus } from '@hourglass/documents';

/** One way a scenario's outcome changed, in words a marketer reads in a regression list. */
export interface TraceChange {
  /** Where: `status`, `enrolments/0/steps`, `emails`, `handoffs`, `contact/score`, … */
  path: string;
  message: string;
}

/** How the sentences name times and steps: the flow's time zone and its step labels. */
export interface CompareOptions {
  /** IANA time zone of the flow (default UTC). */
  timezone?: string;
  /** Each step's label by id (see `stepLabels`); a step without one is named by its id. */
  labels?: Readonly<Record<string, string>>;
}

/** The labels of a flow's steps by id, to name them in `compareTraces`' sentences. */
export function stepLabels(flow: Flow): Record<string, string> {
  return Object.fromEntries(flow.nodes.flatMap((n) => (n.label ? [[n.id, n.label]] : [])));
}

// What the contact does in the end, as "<name> now …" and "… instead of …" say it.
const OUTCOME_NOW: Record<TraceStatus, string> = {
  'not-enrolled': 'never enters the flow',
  active: 'is still in the flow at the end',
  completed: 'completes the flow',
  goal: 'reaches the goal',
};
const OUTCOME_INSTEAD: Record<TraceStatus, string> = {
  'not-enrolled': 'never entering it',
  active: 'staying in it to the end',
  completed: 'completing it',
  goal: 'reaching the goal',
};
const ENROLMENT_NOW: Record<EnrolmentStatus, string> = { active: 'is still running at the end', completed: 'completes', goal: 'reaches the goal' };
const ENROLMENT_INSTEAD: Record<EnrolmentStatus, string> = { active: 'running to the end', completed: 'completing', goal: 'reaching the goal' };
const NOT_SENT: Record<string, string> = { unsubscribed: 'unsubscribed', 'no-email': 'no email address', 'render-failed': 'the template failed' };

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
const instant = (v: string | null | undefined) => (v == null ? null : Date.parse(v));
const scalar = (v: Scalar | undefined) => (v === undefined ? 'not set' : v === null ? 'empty' : typeof v === 'string' ? `"${v}"` : String(v));

/**
 * What changed between a scenario's kept trace and a new one, in sentences: "Anna's enrolment
 * now ends on 3 Dec at 09:00 instead of 5 Dec at 09:00". Instants are compared as instants and
 * written in the flow's time zone; steps are named by their labels. An empty list means the
 * outcome is the same.
 */
export function compareTraces(expected: Trace, actual: Trace, options: CompareOptions = {}): TraceChange[] {
  const timezone = options.timezone ?? 'UTC';
  const labels = options.labels ?? {};
  const changes: TraceChange[] = [];
  const add = (path: string, message: string) => changes.push({ path, message });
  const first = actual.contact.properties.firstName ?? expected.contact.properties.firstName;
  const who = typeof first === 'string' && first.trim() ? first.trim() : (actual.contactId ?? expected.contactId ?? 'The contact');
  const whose = `${who}’s`;
  const step = (id: string) => (labels[id] ? `“${labels[id]}”` : id);
  // "3 Dec at 09:00", with the year when the two instants compared are in different years.
  const when = (at: number, other?: number) => {
    const dt = DateTime.fromMillis(at, { zone: timezone });
    const year = other !== undefined && DateTime.fromMillis(other, { zone: timezone }).year !== dt.year;
    return dt.toFormat(year ? "d LLL yyyy 'at' HH:mm" : "d LLL 'at' HH:mm");
  };
  const day = (v: string, other?: string | null) => when(Date.parse(v), other ? Date.parse(other) : undefined);

  if (expected.status !== actual.status) add('status', `${who} now ${OUTCOME_NOW[actual.status]} instead of ${OUTCOME_INSTEAD[expected.status]}.`);
  const n = Math.max(expected.enrolments.length, actual.enrolments.length);
  const several = n > 1;
  for (let i = 0; i < n; i++) {
    const e = expected.enrolments[i];
    const a = actual.enrolments[i];
    const at = `enrolments/${i}`;
    const time = several ? ` a ${ordinal(i + 1)} time` : '';
    if (!a) {
      add(at, `${who} no longer enters the flow${time} (on ${day(e!.enteredAt)}).`);
      continue;
    }
    if (!e) {
      add(at, `${who} now enters the flow${time}, on ${day(a.enteredAt)}.`);
      continue;
    }
    const enrolment = `${whose} ${several ? `${ordinal(i + 1)} ` : ''}enrolment`;
    if (e.status !== a.status) add(`${at}/status`, `${enrolment} now ${ENROLMENT_NOW[a.status]} instead of ${ENROLMENT_INSTEAD[e.status]}.`);
    if (instant(e.enteredAt) !== instant(a.enteredAt))
      add(`${at}/enteredAt`, `${enrolment} now starts on ${day(a.enteredAt, e.enteredAt)} instead of ${day(e.enteredAt, a.enteredAt)}.`);
    if (instant(e.endedAt) !== instant(a.endedAt)) {
      const message =
        a.endedAt === null
          ? `${enrolment} now runs to the end instead of ending on ${day(e.endedAt!)}.`
          : e.endedAt === null
            ? `${enrolment} now ends on ${day(a.endedAt)} instead of running to the end.`
            : `${enrolment} now ends on ${day(a.endedAt, e.endedAt)} instead of ${day(e.endedAt, a.endedAt)}.`;
      add(`${at}/endedAt`, message);
    }
    if ((e.position ?? null) !== (a.position ?? null)) {
      const place = (p: string | null) => (p === null ? 'nowhere' : `at ${step(p)}`);
      add(`${at}/position`, `At the end ${who} waits ${place(a.position ?? null)} instead of ${place(e.position ?? null)}.`);
    }
    pathChange(e, a, `${at}/steps`, who, step, when, add);
  }

  const mail = (t: Trace) =>
    t.emails.map((m) => ({
      key: `${m.node}|${m.subject}|${m.suppressed ?? ''}|${Date.parse(m.at)}`,
      text: `“${m.subject}” from ${step(m.node)} on ${day(m.at)}${m.suppressed ? ` (not sent: ${NOT_SENT[m.suppressed] ?? m.suppressed})` : ''}`,
    }));
  const [we, ae] = [mail(expected), mail(actual)];
  for (const m of we) if (!ae.some((x) => x.key === m.key)) add('emails', `${who} no longer gets ${m.text}.`);
  for (const m of ae) if (!we.some((x) => x.key === m.key)) add('emails', `${who} now gets ${m.text}.`);
  const hand = (t: Trace) =>
    t.handoffs.map((h) => ({ key: `${h.node}|${h.owner}|${Date.parse(h.at)}`, text: `to ${h.owner ?? 'no owner'} at ${step(h.node)} on ${day(h.at)}` }));
  const [wh, ah] = [hand(expected), hand(actual)];
  for (const h of wh) if (!ah.some((x) => x.key === h.key)) add('handoffs', `${who} is no longer handed ${h.text}.`);
  for (const h of ah) if (!wh.some((x) => x.key === h.key)) add('handoffs', `${who} is now handed ${h.text}.`);

  const end = (k: 'score' | 'stage' | 'owner', none: string) => {
    const [was, now] = [expected.contact[k] ?? null, actual.contact[k] ?? null];
    if (was !== now) add(`contact/${k}`, `${whose} ${k} at the end is ${now ?? none} instead of ${was ?? none}.`);
  };
  end('score', 'none');
  end('stage', 'none');
  end('owner', 'nobody');
  const keys = [...new Set([...Object.keys(expected.contact.properties), ...Object.keys(actual.contact.properties)])].sort();
  const differ = keys.filter((k) => JSON.stringify(expected.contact.properties[k]) !== JSON.stringify(actual.contact.properties[k]));
  if (differ.length) {
    const parts = differ.map((k) => `${k} is ${scalar(actual.contact.properties[k])} (was ${scalar(expected.contact.properties[k])})`);
    add('contact/properties', `At the end ${whose} ${parts.join(', ')}.`);
  }
  return changes;
}

/**
 * The first step where the path differs, as a sentence: another way through the flow ("now goes
 * “Reminder” → “Wait 4 days” instead of “Case study” → …"), or the same way at another time.
 */
function pathChange(
  e: TraceEnrolment,
  a: TraceEnrolment,
  path: string,
  who: string,
  step: (id: string) => string,
  when: (at: number, other?: number) => string,
  add: (path: string, message: string) => void,
) {
  const way = (s: TraceEnrolment['steps'][number]) => `${step(s.node)}${s.port ? ` (${s.port})` : ''}`;
  const was = e.steps.map(way);
  const now = a.steps.map(way);
  const k = was.findIndex((s, i) => s !== now[i]);
  if (k >= 0 || was.length !== now.length) {
    const from = k >= 0 ? k : Math.min(was.length, now.length);
    const rest = (list: string[]) => list.slice(from).join(' → ') || 'no further';
    add(path, `From step ${from + 1} on, ${who} now goes ${rest(now)} instead of ${rest(was)}.`);
    return;
  }
  const t = e.steps.findIndex((s, i) => Date.parse(s.at) !== Date.parse(a.steps[i]!.at));
  if (t < 0) return;
  const [before, after] = [Date.parse(e.steps[t]!.at), Date.parse(a.steps[t]!.at)];
  add(path, `${who} now reaches ${step(a.steps[t]!.node)} on ${when(after, before)} instead of ${when(before, after)}.`);
}
