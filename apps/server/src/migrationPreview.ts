import type { ScoringModel } from '@hourglass/documents';
import {
  moveSummary,
  sampleMove,
  type EmailRecord,
  type EnrolmentRecord,
  type EventRecord,
  type SampleOutcome,
  type StepRecord,
  type Store,
  type StoredContact,
} from '@hourglass/engine';
import type { MigrationBody, MigrationPreview, SampleRun } from '@hourglass/api';
import { iso } from './apiViews.ts';
import { resolveMigration, type MigrationReads } from './migrationPlan.ts';
import type { Awaitable } from './storeApi.ts';

/** What a sampled contact is simulated from: its enrolment, its record, its latest events (oldest first), emails and steps. */
export interface SampledEnrolment {
  enrolment: EnrolmentRecord;
  contact: StoredContact;
  events: readonly EventRecord[];
  emails: readonly EmailRecord[];
  steps: readonly StepRecord[];
}

/** A sampled enrolment read through the engine's store (SQLite's, or a PostgreSQL unit of work). */
export function sampledFrom(
  store: Pick<Store, 'getEnrolment' | 'getContact' | 'recentEvents' | 'emailsOf' | 'stepsOf'>,
  id: string,
  events: number,
): SampledEnrolment | undefined {
  const enrolment = store.getEnrolment(id);
  const contact = enrolment && store.getContact(enrolment.contactId);
  if (!enrolment || !contact) return undefined;
  return { enrolment, contact, events: [...store.recentEvents(contact.id, events)].reverse(), emails: store.emailsOf(contact.id), steps: store.stepsOf(id) };
}

/** What a preview reads of a store besides what resolving the migration does. */
export interface PreviewReads extends MigrationReads {
  /** The ids of the first active enrolments of a version waiting on a node (by id). */
  waitingOn(flowId: string, version: number, node: string, limit: number): Awaitable<string[]>;
  /** An enrolment and its contact as of now, its `events` the latest `events` of them; undefined when either is gone. */
  sampled(enrolmentId: string, events: number): Awaitable<SampledEnrolment | undefined>;
  scoring(): Awaitable<ScoringModel | undefined>;
}

/** How many moved contacts a preview simulates, and how far forward. */
const SAMPLE_SIZE = 20;
const SAMPLE_DAYS = 90;
/** The latest events of a sampled contact copied into its simulation (scores and conditions read windows of them). */
const SAMPLE_EVENTS = 2000;

const stepView = (s: StepRecord) => ({
  at: iso(s.at),
  node: s.node,
  type: s.type,
  ...(s.port !== undefined ? { port: s.port } : {}),
  ...(s.migratedFrom ? { migratedFrom: { ...s.migratedFrom } } : {}),
});
const runView = (o: SampleOutcome): SampleRun => ({
  status: o.status,
  position: o.position,
  endedAt: o.endedAt === null ? null : iso(o.endedAt),
  steps: o.steps.map(stepView),
  emails: o.emails
    .filter((m) => m.kind === 'marketing')
    .map((m) => ({ at: iso(m.at), node: m.node, subject: m.subject, ...(m.suppressed ? { suppressed: m.suppressed } : {}) })),
});

/**
 * What a migration would do (POST /api/flows/:id/migrations/preview): contacts per node of the old
 * version and where they go, the problems, and up to 20 of the contacts that would move simulated
 * forward from their real state, staying and moved, with the engine in memory (nothing is sent or
 * written). The sample takes contacts from every node in turn, so each move is seen.
 */
export async function previewMigration(reads: PreviewReads, flowId: string, body: MigrationBody, at: number): Promise<MigrationPreview> {
  const resolved = await resolveMigration(reads, flowId, body);
  const { plan, from, to, moves } = resolved;
  const answer: MigrationPreview = { from: body.from, to: body.to, at: iso(at), contacts: resolved.contacts, moves, problems: resolved.problems, sample: [] };
  if (!plan || !from || !to) return answer;
  const shown = moves.filter((m) => m.to !== null || plan.unmapped === 'exit');
  const picks = await Promise.all(shown.map((m) => reads.waitingOn(flowId, plan.from, m.from, SAMPLE_SIZE)));
  const ids: string[] = [];
  for (let i = 0; ids.length < SAMPLE_SIZE && picks.some((p) => p.length > i); i++)
    for (const p of picks) if (p[i] && ids.length < SAMPLE_SIZE) ids.push(p[i]!);
  const scoring = await reads.scoring();
  for (const id of ids) {
    const sampled = await reads.sampled(id, SAMPLE_EVENTS);
    if (!sampled || sampled.enrolment.status !== 'active') continue;
    const { enrolment, contact } = sampled;
    const target = Object.hasOwn(plan.map, enrolment.position!) ? plan.map[enrolment.position!]! : null;
    const out = sampleMove({
      contact,
      events: sampled.events,
      emails: sampled.emails,
      enrolment,
      steps: sampled.steps,
      from: { flow: from, version: plan.from },
      to: { flow: to, version: plan.to },
      target,
      at,
      horizon: SAMPLE_DAYS * 86_400_000,
      scoring,
    });
    const p = contact.properties;
    const name = [p.firstName, p.lastName].filter((x) => typeof x === 'string' && x).join(' ') || contact.email || contact.id;
    answer.sample.push({
      contactId: contact.id,
      name,
      from: enrolment.position!,
      to: target,
      before: runView(out.before),
      after: runView(out.after),
      summary: moveSummary(name, at, out.before, out.after, to.settings.timezone ?? 'UTC'),
    });
  }
  return answer;
}
