import type { Database, Statement } from 'better-sqlite3';

/** An accepted event that could not be processed: the event as sent, when, and why it failed. */
export interface FailedEvent {
  n: number;
  eventId: string;
  contactId: string;
  at: number;
  failedAt: number;
  event: unknown;
  error: string;
}

interface Row {
  n: number;
  event_id: string;
  contact_id: string;
  at: number;
  failed_at: number;
  event: string;
  error: string;
}

/**
 * Accepted events whose processing threw (a dead-letter table): moved here from the inbox in
 * the transaction that gave up on them, so an accepted event is never lost silently.
 */
export class FailedEventRepository {
  private readonly q: Record<'add' | 'list' | 'count', Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      add: p('INSERT INTO failed_events (event_id, contact_id, at, failed_at, event, error) VALUES (?, ?, ?, ?, ?, ?)'),
      list: p('SELECT * FROM failed_events ORDER BY n DESC LIMIT ?'),
      count: p('SELECT count(*) AS n FROM failed_events'),
    };
  }

  add(eventId: string, contactId: string, at: number, failedAt: number, event: string, error: string): void {
    this.q.add.run(eventId, contactId, at, failedAt, event, error);
  }

  /** The most recent failures first. */
  list(limit: number): FailedEvent[] {
    return (this.q.list.all(limit) as Row[]).map((r) => ({
      n: r.n,
      eventId: r.event_id,
      contactId: r.contact_id,
      at: r.at,
      failedAt: r.failed_at,
      event: JSON.parse(r.event) as unknown,
      error: r.error,
    }));
  }

  count(): number {
    return (this.q.count.get() as { n: number }).n;
  }
}
