import type { Pool } from 'pg';
import { toHandoffEntry, type HandoffEntry, type HandoffRepository, type HandoffRow } from '../handoffRepository.ts';
import { toOutboxEntry, type EmailOrigin, type OutboxEntry, type OutboxRepository, type OutboxRow } from '../outboxRepository.ts';

// What the API lists of what the flows sent, in PostgreSQL: the sales inbox and the outbox, with
// the filters of their SQLite repositories (HandoffRepository, OutboxRepository).

export class PgHandoffRepository {
  constructor(private readonly pool: Pool) {}

  async list(filter: Parameters<HandoffRepository['list']>[0]): Promise<HandoffEntry[]> {
    const { rows } = await this.pool.query<HandoffRow>(
      `SELECT record, status, note, feedback_at FROM handoffs
       WHERE ($1::text IS NULL OR owner = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR flow_id = $3) AND ($4::text IS NULL OR contact_id = $4)
       ORDER BY n DESC LIMIT $5`,
      [filter.owner ?? null, filter.status ?? null, filter.flow ?? null, filter.contact ?? null, filter.limit],
    );
    return rows.map(toHandoffEntry);
  }

  async get(id: string): Promise<HandoffEntry | undefined> {
    const { rows } = await this.pool.query<HandoffRow>('SELECT record, status, note, feedback_at FROM handoffs WHERE id = $1', [id]);
    return rows[0] && toHandoffEntry(rows[0]);
  }
}

export class PgOutboxRepository {
  constructor(private readonly pool: Pool) {}

  async list(filter: Parameters<OutboxRepository['list']>[0]): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      `SELECT * FROM emails
       WHERE ($1::text IS NULL OR flow_id = $1) AND ($2::text IS NULL OR contact_id = $2) AND ($3::text IS NULL OR kind = $3)
         AND ($4::text IS NULL OR status = $4 OR ($4 = 'pending' AND status = 'sending'))
       ORDER BY n DESC LIMIT $5`,
      [filter.flow ?? null, filter.contact ?? null, filter.kind ?? null, filter.status ?? null, filter.limit],
    );
    return rows.map(toOutboxEntry);
  }

  /** Whose an email is and what sent it, while its contact exists: one lookup by the email's id (unique), on every click. */
  async origin(id: string): Promise<EmailOrigin | undefined> {
    const { rows } = await this.pool.query<EmailOrigin>(
      `SELECT id, kind, flow_id AS "flowId", contact_id AS "contactId", node FROM emails AS e
       WHERE id = $1 AND EXISTS (SELECT 1 FROM contacts WHERE contacts.id = e.contact_id)`,
      [id],
    );
    return rows[0];
  }
}
