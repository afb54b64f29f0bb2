import type { Database, Statement } from 'better-sqlite3';
import type { EventGroup, EventRecord } from '@hourglass/engine';

export interface EventRow {
  seq: number;
  contact_id: string;
  at: number;
  type: string;
  data: string;
}

export const toEvent = (r: EventRow): EventRecord => ({ seq: r.seq, contactId: r.contact_id, at: r.at, type: r.type, data: JSON.parse(r.data) });

/**
 * An event read from the index by type and instant alone, its data read when first asked for:
 * a count without `where` never asks, so a window costs no row of the table.
 */
class IndexedEvent implements EventRecord {
  #data: EventRecord['data'] | undefined;
  constructor(
    private readonly dataOf: Statement,
    readonly contactId: string,
    readonly type: string,
    readonly seq: number,
    readonly at: number,
  ) {}
  get data() {
    return (this.#data ??= JSON.parse((this.dataOf.get(this.seq) as { data: string }).data) as EventRecord['data']);
  }
}
/** An event whose data is parsed when read. */
class StoredEvent implements EventRecord {
  readonly seq: number;
  readonly contactId: string;
  readonly at: number;
  readonly type: string;
  #json: string;
  #data: EventRecord['data'] | undefined;
  constructor(r: EventRow) {
    this.seq = r.seq;
    this.contactId = r.contact_id;
    this.at = r.at;
    this.type = r.type;
    this.#json = r.data;
  }
  get data() {
    return (this.#data ??= JSON.parse(this.#json) as EventRecord['data']);
  }
}

/** Rows read at once, growing with each read of the same query: most counts stop early. */
const PAGES = [16, 64, 256, 1024, 4096];
const page = (n: number) => PAGES[Math.min(n, PAGES.length - 1)]!;

/**
 * A contact's events of one type from the latest instant back: every event of the type that
 * comes after `cursor` (by instant, then seq, descending) is in `events`, in that order.
 */
interface Tail {
  events: EventRecord[];
  cursor?: { at: number; seq: number };
  done: boolean;
  reads: number;
}

/** The statements of `LongHistory`, prepared once per database. */
export function longHistoryStatements(db: Database): Record<string, Statement> {
  const p = (sql: string) => db.prepare(sql);
  return {
    latest: p('SELECT seq, contact_id, at, type, data FROM events WHERE contact_id = ? ORDER BY seq DESC LIMIT ?'),
    lastSeq: p('SELECT coalesce(max(seq), 0) AS seq FROM events WHERE contact_id = ?'),
    // The index alone (it holds the instant and the seq): see IndexedEvent.
    tail: p('SELECT seq, at FROM events WHERE contact_id = ? AND type = ? ORDER BY at DESC, seq DESC LIMIT ?'),
    tailBefore: p(`SELECT seq, at FROM events WHERE contact_id = ? AND type = ? AND at <= ? AND (at < ? OR seq < ?)
                   ORDER BY at DESC, seq DESC LIMIT ?`),
    dataOf: p('SELECT data FROM events WHERE seq = ?'),
    // By sequence number: the events since a waitFor's entry, not every event of the type.
    after: p(`SELECT seq, contact_id, at, type, data FROM events INDEXED BY events_by_contact
              WHERE contact_id = ? AND seq > ? AND type = ? ORDER BY seq LIMIT ?`),
    groups: p('SELECT data, count, last_at FROM event_counts WHERE contact_id = ? AND type = ?'),
  };
}

/**
 * What the engine asks of one contact's long history, read through the index by type and
 * instant and the counters of identical events, and kept for the rest of the transaction: a
 * group of inputs for the same contact reads each window once, and the events it records are
 * added to what was read (`added`).
 */
export class LongHistory {
  private readonly tails = new Map<string, Tail>();
  private readonly groupsByType = new Map<string, Map<string, EventGroup>>();

  constructor(
    private readonly q: Record<string, Statement>,
    private readonly contactId: string,
  ) {}

  lastEventSeq(): number {
    return (this.q.lastSeq!.get(this.contactId) as { seq: number }).seq;
  }

  recentEvents(limit: number): EventRecord[] {
    return (this.q.latest!.all(this.contactId, limit) as EventRow[]).map(toEvent);
  }

  *eventsBetween(type: string, from: number, until: number): Iterable<EventRecord> {
    let tail = this.tails.get(type);
    if (!tail) this.tails.set(type, (tail = { events: [], done: false, reads: 0 }));
    for (let i = 0; ; i++) {
      if (i === tail.events.length && !this.readMore(type, tail)) return;
      const e = tail.events[i]!;
      if (e.at < from) return;
      if (e.at <= until) yield e;
    }
  }

  /** Reads the tail's next page; false when there was nothing more. */
  private readMore(type: string, tail: Tail): boolean {
    if (tail.done) return false;
    const size = page(tail.reads++);
    const { cursor } = tail;
    const rows = (
      cursor ? this.q.tailBefore!.all(this.contactId, type, cursor.at, cursor.at, cursor.seq, size) : this.q.tail!.all(this.contactId, type, size)
    ) as { seq: number; at: number }[];
    for (const row of rows) tail.events.push(new IndexedEvent(this.q.dataOf!, this.contactId, type, row.seq, row.at));
    const last = rows[rows.length - 1];
    if (last) tail.cursor = { at: last.at, seq: last.seq };
    tail.done = rows.length < size;
    return rows.length > 0;
  }

  *eventsAfter(type: string, afterSeq: number): Iterable<EventRecord> {
    for (let n = 0, seq = afterSeq; ; n++) {
      const rows = this.q.after!.all(this.contactId, seq, type, page(n)) as EventRow[];
      for (const row of rows) yield new StoredEvent(row);
      if (rows.length < page(n)) return;
      seq = rows[rows.length - 1]!.seq;
    }
  }

  eventGroups(type: string): readonly EventGroup[] {
    let groups = this.groupsByType.get(type);
    if (!groups) {
      groups = new Map();
      for (const r of this.q.groups!.all(this.contactId, type) as { data: string; count: number; last_at: number }[]) {
        groups.set(r.data, { data: JSON.parse(r.data), count: r.count, lastAt: r.last_at });
      }
      this.groupsByType.set(type, groups);
    }
    return [...groups.values()];
  }

  /** Keeps what was read right after the store recorded `event` (its data as stored). */
  added(event: EventRecord, json: string) {
    const tail = this.tails.get(event.type);
    // Its seq is the largest, so a later read would not find it exactly when its instant is not
    // below the cursor's (or the tail is complete).
    if (tail && (tail.done || (tail.cursor && event.at >= tail.cursor.at))) {
      let i = 0;
      while (i < tail.events.length && tail.events[i]!.at > event.at) i++;
      tail.events.splice(i, 0, event);
    }
    const groups = this.groupsByType.get(event.type);
    if (groups) {
      const g = groups.get(json);
      if (g) {
        g.count++;
        g.lastAt = Math.max(g.lastAt, event.at);
      } else groups.set(json, { data: event.data, count: 1, lastAt: event.at });
    }
  }
}
