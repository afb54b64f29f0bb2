import type { Flow, ScoringModel } from '@hourglass/documents';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import type { EmailRecord, EnrolmentRecord, EventRecord, StepRecord, StoredContact } from './records.ts';

/** One contact in a flow as the server holds it: the material of a sample (copied, never changed). */
export interface SampleContact {
  contact: StoredContact;
  /** Its events, oldest first (the latest ones when the history is long). */
  events: readonly EventRecord[];
  emails: readonly EmailRecord[];
  enrolment: EnrolmentRecord;
  steps: readonly StepRecord[];
}

export interface SampleInput extends SampleContact {
  from: { flow: Flow; version: number };
  to: { flow: Flow; version: number };
  /** The node of `to` the contact would move onto; null: it would leave the flow. */
  target: string | null;
  at: number;
  /** How far forward to look, in ms. */
  horizon: number;
  scoring?: ScoringModel;
}

/** What happened from `at` on in one run: the enrolment's end, the steps and emails it added. */
export interface SampleOutcome {
  status: EnrolmentRecord['status'];
  position: string | null;
  endedAt: number | null;
  steps: StepRecord[];
  emails: EmailRecord[];
}

/** At most this many timers fire in one run: a flow looping through a short wait stops there. */
const MAX_TIMERS = 500;

/**
 * Simulates one contact forward from `at` with the engine, twice over copies of its real state in
 * memory: left on the old version, and moved (docs/semantics.md, "Migrations"). No future event is
 * known, so only timers move it; nothing is written anywhere real.
 */
export function sampleMove(input: SampleInput): { before: SampleOutcome; after: SampleOutcome } {
  return { before: run(input, false), after: run(input, true) };
}

function run(input: SampleInput, move: boolean): SampleOutcome {
  const { from, to, at } = input;
  const store = new MemoryStore();
  const flows = new Map([
    [from.version, from.flow],
    [to.version, to.flow],
  ]);
  const engine = new Engine({ store, scoring: input.scoring, loadVersion: (_, v) => flows.get(v) });
  store.putContact({ ...input.contact, properties: { ...input.contact.properties } });
  // The memory store numbers events afresh: a waitFor's "events since entry" is renumbered alike.
  let since = 0;
  const real = input.enrolment.snapshot.context.since;
  for (const e of input.events) {
    const copy = store.addEvent({ contactId: e.contactId, at: e.at, type: e.type, data: e.data });
    if (e.seq <= real) since = copy.seq;
  }
  for (const m of input.emails) store.addEmail(m);
  const { enrolment: e } = input;
  const snapshot = e.snapshot;
  const enrolment: EnrolmentRecord = {
    id: e.id,
    flowId: e.flowId,
    version: e.version,
    contactId: e.contactId,
    status: e.status,
    enteredAt: e.enteredAt,
    endedAt: e.endedAt,
    position: e.position,
    snapshot: { status: snapshot.status ?? 'active', value: snapshot.value, context: { since } },
    timers: [...e.timers],
  };
  store.putEnrolment(enrolment);
  for (const s of input.steps) store.addStep({ ...s });
  const steps = input.steps.length;
  const emails = input.emails.length;
  fire(engine, store, at);
  if (move && enrolment.status === 'active') engine.migrate(enrolment, to.version, input.target, at);
  fire(engine, store, at + input.horizon);
  const ended = store.getEnrolment(e.id)!;
  return {
    status: ended.status,
    position: ended.position,
    endedAt: ended.endedAt,
    steps: store.stepsOf(e.id).slice(steps),
    emails: store.emailsOf(e.contactId).slice(emails),
  };
}

function fire(engine: Engine, store: MemoryStore, until: number) {
  for (let i = 0; i < MAX_TIMERS; i++) {
    const [timer] = store.dueTimers(until, 1);
    if (!timer) return;
    engine.fireTimer(timer);
  }
}
