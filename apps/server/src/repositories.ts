import type { Database } from 'better-sqlite3';
import { ConsentRepository } from './consentRepository.ts';
import { ContactMixRepository } from './contactMixRepository.ts';
import { ContactRepository } from './contactRepository.ts';
import { EnrolmentRepository } from './enrolmentRepository.ts';
import { EventIdRepository } from './eventIdRepository.ts';
import { FailedEventRepository } from './failedEventRepository.ts';
import { FlowNotesRepository } from './flowNotesRepository.ts';
import { FlowRepository } from './flowRepository.ts';
import { FormRepository } from './formRepository.ts';
import { HandoffRepository } from './handoffRepository.ts';
import { InboxRepository } from './inboxRepository.ts';
import { MigrationRepository } from './migrationRepository.ts';
import { OutboxRepository } from './outboxRepository.ts';
import { ReportRepository } from './reportRepository.ts';
import { ScenarioRepository } from './scenarioRepository.ts';
import { SessionRepository } from './sessionRepository.ts';
import { SettingsRepository } from './settingsRepository.ts';
import { SignInCodeRepository } from './signInCodes.ts';
import { SqliteStore } from './sqliteStore.ts';

/**
 * Every query of one database, prepared once: the engine's store and the repositories of what
 * the engine does not need. The runtime and the workspace write through them; routes and other
 * readers only read (docs/server.md, "Code map").
 */
export class Repositories {
  readonly store: SqliteStore;
  readonly flows: FlowRepository;
  readonly settings: SettingsRepository;
  readonly scenarios: ScenarioRepository;
  readonly flowNotes: FlowNotesRepository;
  readonly contactMix: ContactMixRepository;
  readonly contacts: ContactRepository;
  readonly enrolments: EnrolmentRepository;
  readonly handoffs: HandoffRepository;
  readonly outbox: OutboxRepository;
  readonly failedEvents: FailedEventRepository;
  readonly eventIds: EventIdRepository;
  readonly inbox: InboxRepository;
  readonly consents: ConsentRepository;
  readonly forms: FormRepository;
  readonly migrations: MigrationRepository;
  readonly reports: ReportRepository;
  readonly sessions: SessionRepository;
  readonly signInCodes: SignInCodeRepository;

  /** `options` are the store's (the benchmark's switch). */
  constructor(
    readonly db: Database,
    options: { reportCounters?: boolean } = {},
  ) {
    this.store = new SqliteStore(db, options);
    this.flows = new FlowRepository(db);
    this.settings = new SettingsRepository(db);
    this.scenarios = new ScenarioRepository(db);
    this.flowNotes = new FlowNotesRepository(db);
    this.contactMix = new ContactMixRepository(db);
    this.contacts = new ContactRepository(db);
    this.enrolments = new EnrolmentRepository(db);
    this.handoffs = new HandoffRepository(db);
    this.outbox = new OutboxRepository(db);
    this.failedEvents = new FailedEventRepository(db);
    this.eventIds = new EventIdRepository(db);
    this.inbox = new InboxRepository(db);
    this.consents = new ConsentRepository(db);
    this.forms = new FormRepository(db);
    this.migrations = new MigrationRepository(db);
    this.reports = new ReportRepository(db);
    this.sessions = new SessionRepository(db);
    this.signInCodes = new SignInCodeRepository(db);
  }
}
