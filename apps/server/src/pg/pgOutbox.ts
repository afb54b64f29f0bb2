import type { Pool } from 'pg';
import type { ComposedEmail } from '../emailComposer.ts';
import { INTERRUPTED, SMTP_BATCH, attemptDelivery } from '../outboxDelivery.ts';
import { toOutboxEntry, type OutboxEntry, type OutboxRow } from '../outboxRepository.ts';
import type { MailTransport } from '../smtpTransport.ts';
import type { PgSettings } from './pgSettings.ts';

export interface PgOutboxOptions {
  pool: Pool;
  /** The worker claiming rows (`emails.claimed_by`). */
  workerId: string;
  now?: () => number;
  /** SMTP delivery; without it emails are delivered to the local mailbox (the table). */
  transport?: MailTransport;
  defaultFrom: string;
  log?: (message: string) => void;
  /** A worker whose heartbeat is older than this is gone: the rows it was sending are interrupted. */
  deadAfterMs?: number;
  /**
   * Builds each email as it leaves (emailComposer.ts: layout, tracked links, open pixel,
   * List-Unsubscribe headers), from the settings read again before each round; without it the
   * plain text body leaves as written.
   */
  composer?: { settings: PgSettings; compose: (email: OutboxEntry) => ComposedEmail };
}

/** A claimed email's columns: an outbox row without what a claimed email cannot have yet. */
type Claimed = Omit<OutboxRow, 'status' | 'error' | 'sent_at' | 'html' | 'headers'>;
const CLAIMED = 'id, kind, enrolment_id, flow_id, contact_id, node, at, to_address, from_address, subject, body, suppressed, attempts';

const entryOf = (r: Claimed): OutboxEntry => toOutboxEntry({ ...r, status: 'sending', error: null, sent_at: null, html: null, headers: null });

/** One email's outcome, recorded with the others of its batch in one statement. */
interface Outcome {
  id: string;
  status: string;
  error: string | null;
  sentAt: number | null;
  nextAttemptAt: number | null;
  tried: number;
  html: string | null;
  headers: string | null;
}

/** The pending emails due now, oldest first, that no other worker has claimed: locked until this statement's transaction ends. */
const DUE = `SELECT n FROM emails WHERE status = 'pending' AND coalesce(next_attempt_at, 0) <= $1 ORDER BY n LIMIT $2 FOR UPDATE SKIP LOCKED`;

/**
 * The outbox on PostgreSQL, delivered by every worker at once: a worker claims a batch of due
 * rows with `FOR UPDATE SKIP LOCKED` (others skip them rather than wait), marks them `sending`
 * with its id in the same statement, hands them to the mail server with a Message-ID made from
 * the email's id (the same on every attempt, so a receiver can drop a copy), and records each
 * outcome. A failure that certainly did not deliver is retried with backoff (30 s doubling, 5
 * attempts), as on SQLite. Rows left `sending` by a worker that died are marked failed, never
 * resent: an email may be lost, never sent twice. The local mailbox marks due rows sent in one
 * statement, exactly once whichever workers run it.
 */
export class PgOutbox {
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: PgOutboxOptions) {
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((m) => console.error(m));
  }

  /** Delivers what is due now; returns how many emails were handed over (or marked delivered locally). */
  async deliver(): Promise<number> {
    const { pool, transport, composer } = this.options;
    let delivered = 0;
    if (!transport && !composer) {
      for (;;) {
        const { rowCount } = await pool.query(`UPDATE emails SET status = 'sent', sent_at = $1 WHERE n IN (${DUE})`, [this.now(), 500]);
        delivered += rowCount ?? 0;
        if (!rowCount) return delivered;
      }
    }
    await composer?.settings.refresh(pool);
    for (;;) {
      const { rows } = await pool.query<Claimed>(
        `UPDATE emails SET status = 'sending', claimed_by = $3, claimed_at = $1 WHERE n IN (${DUE}) RETURNING ${CLAIMED}`,
        [this.now(), transport ? SMTP_BATCH : 500, this.options.workerId],
      );
      if (rows.length === 0) return delivered;
      // The local mailbox: each email built as it would leave and kept with its parts.
      const outcomes = await Promise.all(rows.map((email) => this.sendOne(email, transport)));
      delivered += outcomes.filter((o) => o.status === 'sent').length;
      await pool.query(
        `UPDATE emails AS e SET status = o.status, error = o.error, sent_at = o.sent_at, next_attempt_at = o.next_attempt_at,
           attempts = e.attempts + o.tried, claimed_by = NULL, html = o.html, headers = o.headers
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::int[], $7::text[], $8::text[])
           AS o(id, status, error, sent_at, next_attempt_at, tried, html, headers)
         WHERE e.id = o.id AND e.claimed_by = $9`,
        [
          outcomes.map((o) => o.id),
          outcomes.map((o) => o.status),
          outcomes.map((o) => o.error),
          outcomes.map((o) => o.sentAt),
          outcomes.map((o) => o.nextAttemptAt),
          outcomes.map((o) => o.tried),
          outcomes.map((o) => o.html),
          outcomes.map((o) => o.headers),
          this.options.workerId,
        ],
      );
    }
  }

  private async sendOne(email: Claimed, transport: MailTransport | undefined): Promise<Outcome> {
    const base = { id: email.id, error: null, sentAt: null, nextAttemptAt: null, tried: 0, html: null, headers: null };
    const parts = (c: ComposedEmail | undefined) => (c ? { html: c.html, headers: JSON.stringify(c.headers) } : {});
    const composer = this.options.composer;
    const compose = composer && ((entry: OutboxEntry) => composer.compose(entry));
    if (!transport) {
      // The local mailbox: built as it would leave, and kept with its parts.
      try {
        return { ...base, ...parts(compose?.(entryOf(email))), status: 'sent', sentAt: this.now() };
      } catch (e) {
        return { ...base, status: 'failed', error: `The email could not be built: ${(e as Error).message}` };
      }
    }
    const outcome = await attemptDelivery(entryOf(email), transport, { compose, defaultFrom: this.options.defaultFrom, now: this.now });
    switch (outcome.kind) {
      case 'sent':
        return { ...base, ...parts(outcome.composed), status: 'sent', sentAt: outcome.at, tried: 1 };
      case 'retry':
        return { ...base, status: 'pending', error: outcome.error, nextAttemptAt: outcome.at, tried: 1 };
      case 'failed':
        if (outcome.tried) this.log(`Email ${email.id} failed: ${outcome.error}`);
        return { ...base, status: 'failed', error: outcome.error, tried: outcome.tried ? 1 : 0 };
    }
  }

  /** Marks failed (never resent) the rows that workers gone for `deadAfterMs` left `sending`; returns how many. */
  async failInterrupted(): Promise<number> {
    const now = this.now();
    const { rowCount } = await this.options.pool.query(
      `UPDATE emails SET status = 'failed', error = $2, claimed_by = NULL
       WHERE status = 'sending' AND claimed_by NOT IN (SELECT id FROM workers WHERE heartbeat_at > $1)`,
      [now - (this.options.deadAfterMs ?? 10_000), INTERRUPTED],
    );
    return rowCount ?? 0;
  }

  /** The emails waiting: due now and pending (health). */
  async backlog(): Promise<number> {
    const { rows } = await this.options.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM emails WHERE status = 'pending' AND coalesce(next_attempt_at, 0) <= $1",
      [this.now()],
    );
    return rows[0]!.n;
  }
}
