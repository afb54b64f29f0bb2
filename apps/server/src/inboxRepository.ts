import type { Database, Statement } from 'better-sqlite3';

/** An accepted event waiting to be processed: its place in line, its instant and the event. */
export interface InboxRow { n: number; event_id: string; at: number; event: string }

/**
 * The inbox: events accepted and durable but not processed yet (see `Runtime.accept`). Rows are
 * processed in `n` order, which is the order they arrived in.
 */
export class InboxRepository {
  private readonly q: Record<'add' | 'take' | 'remove' | 'oldestAt' | 'size', Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      add: p('INSERT OR IGNORE INTO inbox (event_id, at, event) VALUES (?, ?, ?)'),
      take: p('SELECT n, event_id, at, event FROM inbox ORDER BY n LIMIT ?'),
      remove: p('DELETE FROM inbox WHERE n = ?'),
      oldestAt: p('SELECT at FROM inbox ORDER BY n LIMIT 1'),
      size: p('SELECT count(*) AS n FROM inbox'),
    };
  }

  /** Queues an event; returns its place in line, or null when its id is queued already. */
  add(eventId: string, at: number, event: string): number | null {
    const { changes, lastInsertRowid } = this.q.add.run(eventId, at, event);
    return changes ? Number(lastInsertRowid) : null;
  }

  take(limit: number): InboxRow[] {
    return this.q.take.all(limit) as InboxRow[];
  }

  remove(n: number): void {
    this.q.remove.run(n);
  }

  /** The instant of the first event in line, or undefined when the inbox is empty. */
  oldestAt(): number | undefined {
    return (this.q.oldestAt.get() as { at: number } | undefined)?.at;
  }

  size(): number {
    return (this.q.size.get() as { n: number }).n;
  }
}
