import type { Match } from '@hourglass/documents';
import { matches } from './conditions.ts';
import type { EventRecord } from './records.ts';
import type { EventGroup, Store } from './store.ts';

/**
 * Which of a contact's events a score or a condition counts: one type, matching `where`, at or
 * before `until`, and within at most one lower bound.
 */
export interface EventQuery {
  type: string;
  where?: Match;
  /** Only events at or before this instant. */
  until: number;
  /** Only events after this instant (exclusive): a behaviour rule's `expires`. */
  after?: number;
  /** Only events at or after this instant (inclusive): a condition's `within`. */
  from?: number;
  /** Only events recorded after this sequence number: an event condition inside a `waitFor`. */
  afterSeq?: number;
}

/**
 * How many of a contact's events satisfy a query, counting no further than `limit`: the answer
 * is the smaller of the two. Scores and conditions only ever need so many (a capped behaviour
 * rule stops paying at its cap, `{"gte": 1}` at the first event), which is what keeps an input's
 * cost independent of the contact's history.
 */
export type EventCounter = (query: EventQuery, limit: number) => number;

function accepts(q: EventQuery, e: EventRecord): boolean {
  return (
    e.type === q.type &&
    e.at <= q.until &&
    (q.after === undefined || e.at > q.after) &&
    (q.from === undefined || e.at >= q.from) &&
    (q.afterSeq === undefined || e.seq > q.afterSeq) &&
    matches(e.data, q.where)
  );
}

/** Counts over a list of every event of the contact: the definition the store path must equal. */
export function countInList(events: readonly EventRecord[], q: EventQuery, limit: number): number {
  let n = 0;
  for (const e of events) if (n < limit && accepts(q, e)) n++;
  return n;
}

/**
 * Counts through the store's narrow queries, never the whole history: the events inside the
 * window (stopping at `limit`), the events since a sequence number, or, without a window, the
 * store's counters of identical events less those after `until`.
 */
export function countInStore(store: Store, contactId: string, q: EventQuery, limit: number): number {
  if (limit <= 0) return 0;
  let n = 0;
  const scan = (events: Iterable<EventRecord>) => {
    for (const e of events) if (accepts(q, e) && ++n >= limit) break;
    return n;
  };
  if (q.afterSeq !== undefined) return scan(store.eventsAfter(contactId, q.type, q.afterSeq));
  const lower = Math.max(q.after ?? -Infinity, q.from ?? -Infinity);
  if (lower > -Infinity) return scan(store.eventsBetween(contactId, q.type, lower, q.until));
  let total = 0;
  let later = false;
  for (const g of store.eventGroups(contactId, q.type)) {
    if (!matches(g.data, q.where)) continue;
    total += g.count;
    later ||= g.lastAt > q.until;
  }
  // Events recorded with an instant after `until` (a timer overdue after a restart) do not count.
  if (later) for (const e of store.eventsBetween(contactId, q.type, q.until, Infinity)) if (e.at > q.until && matches(e.data, q.where)) total--;
  return Math.min(total, limit);
}

/** The store's event queries answered from a list of all of a contact's events (short histories). */
export const listQueries = {
  eventsBetween(events: readonly EventRecord[], type: string, from: number, until: number): EventRecord[] {
    return events.filter((e) => e.type === type && e.at >= from && e.at <= until);
  },
  eventsAfter(events: readonly EventRecord[], type: string, afterSeq: number): EventRecord[] {
    return events.filter((e) => e.type === type && e.seq > afterSeq);
  },
  eventGroups(events: readonly EventRecord[], type: string): EventGroup[] {
    const groups = new Map<string, EventGroup>();
    for (const e of events) {
      if (e.type !== type) continue;
      const key = JSON.stringify(e.data);
      const g = groups.get(key);
      if (g) {
        g.count++;
        g.lastAt = Math.max(g.lastAt, e.at);
      } else groups.set(key, { data: e.data, count: 1, lastAt: e.at });
    }
    return [...groups.values()];
  },
  lastEventSeq(events: readonly EventRecord[]): number {
    let last = 0;
    for (const e of events) last = Math.max(last, e.seq);
    return last;
  },
  recentEvents(events: readonly EventRecord[], limit: number): EventRecord[] {
    return [...events].sort((a, b) => b.seq - a.seq).slice(0, limit);
  },
};
