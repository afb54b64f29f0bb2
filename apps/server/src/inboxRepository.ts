import type { Database, Statement } from 'better-sqlite3';
import type { InboxCommand } from './inboxEntry.ts';

/** An accepted input waiting to be processed: its place in line, its instant, its kind and its JSON (inboxEntry.ts). */
export interface InboxRow {
  n: number;
  at: number;
  kind: string;
  event: string;
}

/**
 * The inbox: inputs accepted and durable but not processed yet (see `Runtime.accept`). Rows are
 * processed in `n` order, which is the order they arrived in.
 */
export class InboxRepository {
  private readonly q: Record<'addAll' | 'add' | 'take' | 'remove' | 'oldestAt' | 'last' | 'size', Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      // One statement for a whole request: SQLite walks the array in order, leaving out the ids
      // processed before.
      addAll: p(`INSERT INTO inbox (event_id, at, event)
                 SELECT json_extract(e.value, '$.id'), @at, e.value FROM json_each(@events) AS e
                 WHERE NOT EXISTS (SELECT 1 FROM event_ids WHERE id = json_extract(e.value, '$.id'))
                 ORDER BY e.key`),
      add: p(`INSERT INTO inbox (event_id, at, event, kind) VALUES ('', ?, ?, ?)`),
      take: p('SELECT n, at, kind, event FROM inbox WHERE n <= ? ORDER BY n LIMIT ?'),
      remove: p('DELETE FROM inbox WHERE n = ?'),
      oldestAt: p('SELECT at FROM inbox ORDER BY n LIMIT 1'),
      last: p('SELECT max(n) AS n FROM inbox'),
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

  /** Queues one input other than events; returns its place in line. */
  add(command: InboxCommand, at: number): number {
    return Number(this.q.add.run(at, JSON.stringify(command), command.kind).lastInsertRowid);
  }

  /** Up to `limit` rows from the front of the line, none after place `through`. */
  take(limit: number, through = Number.MAX_SAFE_INTEGER): InboxRow[] {
    return this.q.take.all(through, limit) as InboxRow[];
  }

  remove(n: number): void {
    this.q.remove.run(n);
  }

  /** The instant of the first input in line, or undefined when the inbox is empty. */
  oldestAt(): number | undefined {
    return (this.q.oldestAt.get() as { at: number } | undefined)?.at;
  }

  /** The last place in line, 0 when the inbox is empty. */
  last(): number {
    return (this.q.last.get() as { n: number | null }).n ?? 0;
  }

  size(): number {
    return (this.q.size.get() as { n: number }).n;
  }
}
