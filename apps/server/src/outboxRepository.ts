import type { Database, Statement } from 'better-sqlite3';
import type { EmailRow } from './sqliteRows.ts';

/**
 * An outbox row's status. `sending` is only ever seen between claiming a row and recording the
 * outcome; a row found `sending` at start-up was interrupted by a crash (see OutboxDelivery).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'suppressed' | 'failed';

/** One email of the outbox: a marketing email of a `sendEmail` step or an owner notification. */
export interface OutboxEntry {
  id: string;
  kind: 'marketing' | 'notification';
  enrolmentId: string;
  flowId: string;
  contactId: string;
  node: string;
  at: number;
  to: string | null;
  from: string | null;
  subject: string;
  body: string;
  suppressed: string | null;
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  sentAt: number | null;
  /** The HTML part and extra headers as sent; null until the email has left. */
  html: string | null;
  headers: Record<string, string> | null;
}

/** What names an email's engagement: whose it is and which step of which flow sent it. */
export type EmailOrigin = Pick<OutboxEntry, 'id' | 'kind' | 'flowId' | 'contactId' | 'node'>;

/** What is kept of an email as it left. */
export interface SentParts {
  html: string;
  headers: Record<string, string>;
}

/** An `emails` row as the outbox reads it: the store's columns and the delivery's. */
export interface OutboxRow extends EmailRow {
  status: string;
  attempts: number;
  sent_at: number | null;
  html: string | null;
  headers: string | null;
}
/** An `emails` row as the API shows it (both stores keep the same columns). */
export const toOutboxEntry = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  kind: r.kind as OutboxEntry['kind'],
  enrolmentId: r.enrolment_id,
  flowId: r.flow_id,
  contactId: r.contact_id,
  node: r.node,
  at: r.at,
  to: r.to_address,
  from: r.from_address,
  subject: r.subject,
  body: r.body,
  suppressed: r.suppressed,
  status: r.status as OutboxStatus,
  attempts: r.attempts,
  error: r.error,
  sentAt: r.sent_at,
  html: r.html,
  headers: r.headers === null ? null : (JSON.parse(r.headers) as Record<string, string>),
});

/** The outbox table: listing for the API, and the state changes of the delivery loop. */
export class OutboxRepository {
  private readonly q: Record<string, Statement>;

  constructor(private readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      list: p(`SELECT * FROM emails
               WHERE (@flow IS NULL OR flow_id = @flow) AND (@contact IS NULL OR contact_id = @contact)
                 AND (@kind IS NULL OR kind = @kind)
                 AND (@status IS NULL OR status = @status OR (@status = 'pending' AND status = 'sending'))
               ORDER BY n DESC LIMIT @limit`),
      get: p('SELECT * FROM emails WHERE id = ?'),
      origin: p(`SELECT id, kind, flow_id AS flowId, contact_id AS contactId, node FROM emails AS e
                 WHERE id = ? AND EXISTS (SELECT 1 FROM contacts WHERE contacts.id = e.contact_id)`),
      nextPending: p(`SELECT * FROM emails WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY n LIMIT 1`),
      nextRetryAt: p(`SELECT min(next_attempt_at) AS at FROM emails WHERE status = 'pending' AND next_attempt_at IS NOT NULL`),
      claim: p(`UPDATE emails SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'`),
      sent: p(`UPDATE emails SET status = 'sent', sent_at = ?, error = NULL, html = ?, headers = ? WHERE id = ?`),
      pendingDue: p(`SELECT * FROM emails WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY n LIMIT ?`),
      failed: p(`UPDATE emails SET status = 'failed', error = ? WHERE id = ?`),
      retry: p(`UPDATE emails SET status = 'pending', next_attempt_at = ?, error = ? WHERE id = ?`),
      deliverAllLocally: p(`UPDATE emails SET status = 'sent', sent_at = ? WHERE status = 'pending'`),
      interrupted: p(`UPDATE emails SET status = 'failed', error = ? WHERE status = 'sending'`),
      suppressedOfFlow: p(`SELECT count(*) AS n FROM emails WHERE flow_id = ? AND suppressed = ?`),
    };
  }

  list(filter: { flow?: string; contact?: string; status?: 'pending' | 'sent' | 'suppressed' | 'failed'; kind?: string; limit: number }): OutboxEntry[] {
    const rows = this.q.list!.all({
      flow: filter.flow ?? null,
      contact: filter.contact ?? null,
      status: filter.status ?? null,
      kind: filter.kind ?? null,
      limit: filter.limit,
    }) as OutboxRow[];
    return rows.map(toOutboxEntry);
  }

  /** How many of a flow's emails were not sent for this reason. */
  suppressedCount(flowId: string, reason: string): number {
    return (this.q.suppressedOfFlow!.get(flowId, reason) as { n: number }).n;
  }

  get(id: string): OutboxEntry | undefined {
    const row = this.q.get!.get(id) as OutboxRow | undefined;
    return row && toOutboxEntry(row);
  }

  /**
   * Whose an email is and what sent it, without its parts, when its contact still exists: one
   * lookup (read on every click).
   */
  origin(id: string): EmailOrigin | undefined {
    return this.q.origin!.get(id) as EmailOrigin | undefined;
  }

  /** The oldest pending email that may be tried at `now`. */
  nextPending(now: number): OutboxEntry | undefined {
    const row = this.q.nextPending!.get(now) as OutboxRow | undefined;
    return row && toOutboxEntry(row);
  }

  /** When the earliest email waiting to be retried may be tried again. */
  nextRetryAt(): number | undefined {
    return (this.q.nextRetryAt!.get() as { at: number | null }).at ?? undefined;
  }

  /**
   * Claims up to `limit` pending emails due at `now` (marks them `sending`), in one
   * transaction; returns them as they were before the claim, oldest first.
   */
  claimDue(now: number, limit: number): OutboxEntry[] {
    return this.db.transaction(() => this.pendingDue(now, limit).filter((e) => this.claim(e.id)))();
  }

  /** Runs `fn` (the outcomes of a batch of sends) in one transaction: one disk sync for all. */
  inTransaction(fn: () => void): void {
    this.db.transaction(fn)();
  }

  /**
   * Records the outcomes of a batch (`fn`) and claims the next batch in the same transaction:
   * one disk sync a batch instead of two, and still never more than one batch `sending`.
   */
  settleAndClaim(fn: () => void, now: number, limit: number): OutboxEntry[] {
    return this.db.transaction(() => {
      fn();
      return this.pendingDue(now, limit).filter((e) => this.claim(e.id));
    })();
  }

  /** Marks a pending email as being sent; false when another loop took it first. */
  claim(id: string): boolean {
    return this.q.claim!.run(id).changes > 0;
  }

  markSent(id: string, at: number, parts?: SentParts): void {
    this.q.sent!.run(at, parts?.html ?? null, parts ? JSON.stringify(parts.headers) : null, id);
  }

  /** Up to `limit` pending emails that may be tried at `now`, oldest first. */
  pendingDue(now: number, limit: number): OutboxEntry[] {
    return (this.q.pendingDue!.all(now, limit) as OutboxRow[]).map(toOutboxEntry);
  }

  /** Marks emails delivered into the local mailbox, each with its parts, in one transaction. */
  markAllSent(sent: readonly { id: string; parts?: SentParts }[], at: number): void {
    this.db.transaction(() => {
      for (const s of sent) this.markSent(s.id, at, s.parts);
    })();
  }

  markFailed(id: string, error: string): void {
    this.q.failed!.run(error, id);
  }

  /** Puts a claimed email back to pending, to be tried again at `at`. */
  retryAt(id: string, at: number, error: string): void {
    this.q.retry!.run(at, error, id);
  }

  /** Delivers every pending email into the local mailbox (the outbox itself); returns how many. */
  deliverAllLocally(at: number): number {
    return this.q.deliverAllLocally!.run(at).changes;
  }

  /** Fails every email a crash left `sending`, with `reason`; returns how many. */
  failInterrupted(reason: string): number {
    return this.q.interrupted!.run(reason).changes;
  }
}
