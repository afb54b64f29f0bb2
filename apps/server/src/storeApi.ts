import type { ContactChangesBody, ContactExport, ContactMix, EventInput, FormBody, MigrationAnswer, MigrationBody, MigrationPreview } from '@hourglass/api';
import type { Flow, LiveFlow, Problem, ScoringModel, Trace, TriggerOverlap } from '@hourglass/documents';
import type { ContactRecord, EnrolOutcome, ScoreSplit, StoredContact } from '@hourglass/engine';
import type { Clock } from './clock.ts';
import type { ConsentRecord } from './consentRepository.ts';
import type { ImportKey, ImportOutcome, ImportRow } from './contactImportRows.ts';
import type { ContactEventRow } from './contactRepository.ts';
import type { EmailSettings } from './emailSettings.ts';
import type { EnrolmentSummary } from './enrolmentRepository.ts';
import type { FailedEvent } from './failedEventRepository.ts';
import type { DraftRow, VersionRow } from './flowRepository.ts';
import type { HandoffEntry, HandoffRepository } from './handoffRepository.ts';
import type { EmailOrigin, OutboxEntry, OutboxRepository } from './outboxRepository.ts';
import type { ReportCounts } from './reportRepository.ts';
import type { StoredForm } from './formRepository.ts';
import type { PostOrigin } from './formIntake.ts';
import type { ValidSubmission } from './formSubmission.ts';
import type { AnswerWhen } from './inputQueue.ts';
import type { MoveEntry } from './inboxEntry.ts';
import type { MigrationRow } from './migrationRepository.ts';
import type { ScenarioRow } from './scenarioRepository.ts';
import type { Session } from './sessionRepository.ts';
import type { PublishOutcome } from './workspace.ts';

// What the routes need of a store, the same for SQLite and PostgreSQL (docs/scale-out.md, "One
// API, two stores"). A method may answer at once (SQLite's synchronous repositories, which keep
// the engine's input path synchronous) or with a promise (PostgreSQL): routes `await` either.

/** An answer now or later. */
export type Awaitable<T> = T | Promise<T>;

export interface FlowReads {
  get(id: string): Awaitable<DraftRow | undefined>;
  list(): Awaitable<DraftRow[]>;
  latestVersion(id: string): Awaitable<number | null>;
  versions(id: string): Awaitable<Omit<VersionRow, 'flow'>[]>;
  version(id: string, version: number): Awaitable<VersionRow | undefined>;
}

export interface ContactReads {
  search(text: string, limit: number): Awaitable<string[]>;
  events(contactId: string, limit: number): Awaitable<ContactEventRow[]>;
  exists(id: string): Awaitable<boolean>;
  any(): Awaitable<boolean>;
  propertyNames(sample: number): Awaitable<string[]>;
  /** How many events of `type` the contact has (indexed: events by contact and type). */
  countOfType(contactId: string, type: string): Awaitable<number>;
}

/** The forms' definitions: documents saved as they are, read by the public forms (campaign spec §4). */
export interface FormStore {
  list(): Awaitable<StoredForm[]>;
  get(id: string): Awaitable<StoredForm | undefined>;
  /** Saves the form; whether it was new. */
  put(id: string, form: FormBody, at: number): Awaitable<boolean>;
  delete(id: string): Awaitable<boolean>;
}

export interface EnrolmentReads {
  ofFlow(flowId: string, limit: number): Awaitable<EnrolmentSummary[]>;
  ofContact(contactId: string): Awaitable<EnrolmentSummary[]>;
  get(id: string): Awaitable<EnrolmentSummary | undefined>;
  waitingByNode(flowId: string): Awaitable<Record<string, number>>;
  activeByVersion(flowId: string): Awaitable<Record<string, number>>;
  activeCount(flowId: string): Awaitable<number>;
  activeCounts(): Awaitable<Map<string, number>>;
  overdueCount(now: number): Awaitable<number>;
}

/** The flow reports' counters (`report_counts`), summed. */
export interface ReportReads {
  /** A flow's counters and enrolments per day, read together: `version` null means every version, [from, to) in epoch ms. */
  report(flow: string, version: number | null, from: number, to: number): Awaitable<ReportCounts>;
  bands(): Awaitable<{ kind: string; port: string; count: number }[]>;
}

export interface SessionStore {
  create(tokenHash: Buffer, now: number): Awaitable<{ id: string; expiresAt: number }>;
  use(id: string | undefined, tokenHash: Buffer, now: number): Awaitable<Session | undefined>;
  end(id: string): Awaitable<void>;
}

export interface SignInCodeStore {
  /** Uses up a sign-in code: true once for a live code. */
  consume(code: string, now: number): Awaitable<boolean>;
}

/** What the routes read; every change goes through the workspace or the runtime. */
export interface ApiRepositories {
  store: {
    getContact(id: string): Awaitable<StoredContact | undefined>;
    /** The paused flows, each with the instant it was paused. */
    heldFlows(): Awaitable<ReadonlyMap<string, number>>;
  };
  flows: FlowReads;
  scenarios: { list(flowId: string): Awaitable<ScenarioRow[]> };
  flowNotes: { get(flowId: string): Awaitable<unknown[]> };
  contacts: ContactReads;
  contactMix: { mix(): Awaitable<ContactMix> };
  enrolments: EnrolmentReads;
  consents: { ofContact(contactId: string): Awaitable<ConsentRecord[]>; get(id: string): Awaitable<ConsentRecord | undefined> };
  forms: FormStore;
  failedEvents: { list(limit: number): Awaitable<FailedEvent[]>; count(): Awaitable<number> };
  handoffs: { list(filter: Parameters<HandoffRepository['list']>[0]): Awaitable<HandoffEntry[]> };
  outbox: {
    list(filter: Parameters<OutboxRepository['list']>[0]): Awaitable<OutboxEntry[]>;
    /** Whose an email is and what sent it, while its contact exists (a lookup by the email's id, on every click). */
    origin(id: string): Awaitable<EmailOrigin | undefined>;
  };
  reports: ReportReads;
  sessions: SessionStore;
  signInCodes: SignInCodeStore;
  /** A flow's migrations, newest first. */
  migrations: { ofFlow(flowId: string): Awaitable<MigrationRow[]> };
}

/** The workspace's documents and settings, and the reads that need its engine (`Workspace` on SQLite). */
export interface ApiWorkspace {
  hasFlow(flowId: string): Awaitable<boolean>;
  problemsOf(draft: unknown): Awaitable<Problem[]>;
  saveDraft(id: string, draft: Record<string, unknown>): Awaitable<{ problems: Problem[]; updatedAt: number; created: boolean }>;
  publish(flowId: string, note: string | null): Awaitable<PublishOutcome | undefined>;
  deleteFlow(flowId: string, removeEnrolments: boolean): Awaitable<{ deleted: boolean; enrolled: number }>;
  liveFlows(): Awaitable<Map<string, LiveFlow>>;
  /** A published version as the engine runs it (undefined when there is none or it no longer parses). */
  versionFlow(flowId: string, version: number): Awaitable<Flow | undefined>;
  triggerOverlaps(flowId: string): Awaitable<TriggerOverlap[]>;
  isLive(flowId: string): Awaitable<boolean>;
  saveScenario(flowId: string, name: string, scenario: unknown, expected: unknown): Awaitable<void>;
  deleteScenario(flowId: string, name: string): Awaitable<boolean>;
  saveNotes(flowId: string, notes: readonly unknown[]): Awaitable<void>;
  scoring(): Awaitable<ScoringModel>;
  setScoring(model: ScoringModel): Awaitable<void>;
  emailSettings(): Awaitable<EmailSettings>;
  setEmailSettings(settings: EmailSettings): Awaitable<void>;
  scoreOf(contactId: string): Awaitable<ScoreSplit | undefined>;
  trace(flowId: string, contactId: string): Awaitable<Trace>;
}

/**
 * A form's posts and their double opt-in confirmations (campaign spec §4, formIntake.ts): each
 * answers once the contact, its consent and the event or confirmation email are applied.
 */
export interface FormInputs {
  submit(form: StoredForm, submission: ValidSubmission, origin: PostOrigin, publicUrl: string): Promise<'accepted' | 'confirmation-sent'>;
  /** The pending or confirmed consent a `/c` token names, while it and its contact exist. */
  find(token: string): Awaitable<ConsentRecord | undefined>;
  confirm(consent: ConsentRecord): Promise<'confirmed' | 'expired' | 'gone'>;
}

/** Where a contact import looks contacts up, synchronously (a store reads them beforehand, or at once). */
export interface ImportLookup {
  byId(id: string): ContactRecord | undefined;
  /** Up to two contacts with this email, whatever its case (two means it is ambiguous). */
  byEmail(email: string): ContactRecord[];
}

/** Moving a flow's contacts from one version to another (`MigrationRunner` on SQLite). */
export interface ApiMigrations {
  /** What it would do, with a sample of the contacts simulated before and after; nothing is written. */
  preview(flowId: string, body: MigrationBody): Promise<MigrationPreview>;
  /** Runs it and answers once every contact is moved; 422 with its problems when refused. */
  start(flowId: string, body: MigrationBody): Promise<MigrationAnswer>;
}

/** The inputs that change contacts (`Runtime` on SQLite): each answers once applied. */
export interface ApiRuntime {
  readonly clock: Clock;
  readonly migrations: ApiMigrations;
  /** Pauses a flow in line with the inputs; false when it was paused already. */
  pause(flowId: string): Promise<boolean>;
  /** Resumes a paused flow, its timers due meanwhile fired; undefined when it was not paused. */
  resume(flowId: string, skipPastEmails: boolean): Promise<{ fired: number; skippedEmails: number } | undefined>;
  submit(events: readonly EventInput[], when?: AnswerWhen): Promise<{ accepted: number; duplicates: number }>;
  upsertContact(contactId: string, changes: ContactChangesBody): Promise<{ contact: ContactRecord; created: boolean }>;
  enrol(flowId: string, contactId: string): Promise<EnrolOutcome>;
  moveEnrolment(move: Omit<MoveEntry, 'kind'>): Promise<void>;
  /** Records the verdict of sales on a handoff and sends it into the flows: undefined for an unknown handoff, false when it has a verdict. */
  feedback(handoffId: string, verdict: 'accepted' | 'rejected', note: string | undefined): Promise<HandoffEntry | false | undefined>;
  removeEnrolment(flowId: string, enrolmentId: string): Awaitable<boolean>;
  eraseContact(contactId: string): Awaitable<boolean>;
  exportContact(contactId: string): Awaitable<ContactExport | undefined>;
  /**
   * Runs `plan` over one consistent view of the contacts, writing nothing (an import's dry run):
   * it may look up only these ids and emails (and the contacts they find).
   */
  viewContacts<T>(keys: { ids: readonly string[]; emails: readonly string[] }, plan: (lookup: ImportLookup) => T): Awaitable<T>;
  /**
   * Applies one slice of an import's valid rows (campaign spec §4) at its place in line, so
   * inputs accepted before it for the same contacts go first: each row's outcome, or its error.
   */
  importSlice(rows: readonly ImportRow[], key: ImportKey): Promise<(ImportOutcome | Error)[]>;
  /** Fires every timer due by `until` (the manual clock); answers how many inputs and timers it applied. */
  fireDueTimers(until: number): Awaitable<number>;
  /** The forms' posts and confirmations, with their links signed with `secret`. */
  formInputs(secret: Buffer): FormInputs;
}
