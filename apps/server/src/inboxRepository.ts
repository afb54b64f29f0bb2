import type { Database, Statement } from 'better-sqlite3';

/** An accepted event waiting to be processed: its place in line, its instant and the event. */
export interface InboxRow { n: number; event_id: string; at: number; event: string }

/**
 * The inbox: events accepted and durable but not processed yet (see `Runtime.accept`). Rows are
 * processed in `n` order, which is the order they arrived in.
 */
export class InboxRepository {
  private readonly q: Record<'addAll' | 'take' | 'remove' | 'oldestAt' | 'size', Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      // One statement for a whole request: SQLite walks the array in order, leaving out the ids
      // processed before.
      addAll: p(`INSERT INTO inbox (event_id, at, event)
                 SELECT json_extract(e.value, '$.id'), @at, e.value FROM json_each(@events) AS e
                 WHERE NOT EXISTS (SELECT 1 FROM event_ids WHERE id = json_extract(e.value, '$.id'))
                 ORDER BY e.key`),
      take: p('SELECT n, event_id, at, event FROM inbox ORDER BY n LIMIT ?'),
      remove: p('DELETE FROM inbox WHERE n = ?'),
      oldestAt: p('SELECT at FROM inbox ORDER BY n LIMIT 1'),
      // The inbox is always one run of places in line: rows are added at the end and processed
      // from the front, so its size is two index lookups, not a count (GET /api/health asks
      // for it while millions may wait).
      size: p('SELECT coalesce((SELECT max(n) FROM inbox) - (SELECT min(n) FROM inbox) + 1, 0) AS n'),
    };
  }

  /**
   * Queues a request's events (a JSON array of events with ids) in their order, leaving out ids
   * processed before. Returns how many were queued and the last one's place in line.
   */
  addAll(events: string, at: number): { added: number; last: number } {
    const { changes, lastInsertRowid } = this.q.addAll.run({ events, at });
    return { added: changes, last: changes ? Number(lastInsertRowid) : 0 };
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
