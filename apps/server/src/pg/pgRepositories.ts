import type { Pool } from 'pg';
import type { ApiRepositories } from '../storeApi.ts';
import { PgContactMixRepository } from './pgContactMixRepository.ts';
import { PgContactRepository } from './pgContactRepository.ts';
import { PgFlowNotesRepository, PgScenarioRepository, PgSettingsRepository } from './pgDocumentRepositories.ts';
import { PgEnrolmentRepository } from './pgEnrolmentRepository.ts';
import { PgFailedEventRepository } from './pgFailedEventRepository.ts';
import { PgFlowRepository } from './pgFlowRepository.ts';
import { PgConsentRepository, PgFormRepository } from './pgFormRepositories.ts';
import { PgMigrationRepository } from './pgMigrationRepository.ts';
import { PgReportRepository } from './pgReportRepository.ts';
import { PgHandoffRepository, PgOutboxRepository } from './pgSalesRepositories.ts';
import { PgSessionRepository, PgSignInCodeRepository } from './pgSessionRepository.ts';

/**
 * The API's repositories on PostgreSQL, over one pool (as `Repositories` on SQLite).
 */
export class PgRepositories implements ApiRepositories {
  readonly flows: PgFlowRepository;
  readonly scenarios: PgScenarioRepository;
  readonly flowNotes: PgFlowNotesRepository;
  readonly settings: PgSettingsRepository;
  readonly contacts: PgContactRepository;
  readonly store: Pick<PgContactRepository, 'getContact'> & { heldFlows(): Promise<ReadonlyMap<string, number>> };
  readonly migrations: PgMigrationRepository;
  readonly contactMix: PgContactMixRepository;
  readonly enrolments: PgEnrolmentRepository;
  readonly failedEvents: PgFailedEventRepository;
  readonly handoffs: PgHandoffRepository;
  readonly outbox: PgOutboxRepository;
  readonly reports: PgReportRepository;
  readonly sessions: PgSessionRepository;
  readonly signInCodes: PgSignInCodeRepository;
  readonly consents: PgConsentRepository;
  readonly forms: PgFormRepository;

  constructor(pool: Pool) {
    this.flows = new PgFlowRepository(pool);
    this.scenarios = new PgScenarioRepository(pool);
    this.flowNotes = new PgFlowNotesRepository(pool);
    this.settings = new PgSettingsRepository(pool);
    const contacts = (this.contacts = new PgContactRepository(pool));
    this.store = {
      getContact: (id) => contacts.getContact(id),
      heldFlows: async () => {
        const { rows } = await pool.query<{ flow_id: string; since: number }>('SELECT flow_id, since FROM paused_flows');
        return new Map(rows.map((r) => [r.flow_id, r.since]));
      },
    };
    this.migrations = new PgMigrationRepository(pool);
    this.contactMix = new PgContactMixRepository(pool);
    this.enrolments = new PgEnrolmentRepository(pool);
    this.failedEvents = new PgFailedEventRepository(pool);
    this.handoffs = new PgHandoffRepository(pool);
    this.outbox = new PgOutboxRepository(pool);
    this.reports = new PgReportRepository(pool);
    this.sessions = new PgSessionRepository(pool);
    this.signInCodes = new PgSignInCodeRepository(pool);
    this.consents = new PgConsentRepository(pool);
    this.forms = new PgFormRepository(pool);
  }
}
