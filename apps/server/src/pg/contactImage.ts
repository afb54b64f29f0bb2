// What a PostgreSQL worker reads of a contact before the engine runs over it (see UnitOfWork).
import type { EmailRecord, EventGroup, EventRecord, HandoffRecord, StepRecord, StoredContact } from '@hourglass/engine';
import type { EnrolmentStatus } from '@hourglass/documents';
import type { StoredTimer } from '../sqliteRows.ts';

/** A contact's history up to this many events is read whole; a longer one by what each query needs. */
export const SHORT_HISTORY = 64;

/** An enrolment as its row holds it (timers with the seq that orders ties). */
export interface EnrolmentImage {
  readonly id: string;
  readonly flowId: string;
  readonly version: number;
  readonly contactId: string;
  readonly status: EnrolmentStatus;
  readonly enteredAt: number;
  readonly endedAt: number | null;
  readonly position: string | null;
  /** The snapshot as JSON text (parsed when the engine reads it). */
  readonly snapshot: string;
  readonly timers: readonly StoredTimer[];
}

/**
 * A contact's events of one type read from the latest instant back, a page at a time (as SQLite's
 * LongHistory reads them): every event of the type that comes after `cursor` (by instant, then
 * seq, descending) was read; `done` when that is all of them.
 */
export interface Tail {
  cursor?: { at: number; seq: number };
  done: boolean;
  /** Pages read so far: each next one is longer (`tailPage`). */
  reads: number;
}

/** The rows a tail's pages read, one after the other; after them, the rest at once. */
const TAIL_PAGES = [256, 4096];
/** The length of a tail's next page: null reads the rest. */
export const tailPage = (tail: Tail | undefined): number | null => TAIL_PAGES[tail?.reads ?? 0] ?? null;

/**
 * Everything read of one contact, as it was when read, under the contact's lock; never changed
 * by the engine (UnitOfWork builds its working state from it). The latest events are always
 * read; a long history (more than SHORT_HISTORY events) is read further by what a query needs.
 */
export interface ContactImage {
  readonly id: string;
  contact: StoredContact | undefined;
  /** Every event read, by seq (the latest, and any pages of tails read since). */
  events: EventRecord[];
  /** Whether `events` is the whole history. */
  complete: boolean;
  /** Every event with a seq above this one is in `events` (0 when the history is complete). */
  readAbove: number;
  /** Per type, how far back its events were read (`Tail`). */
  tails: Map<string, Tail>;
  /** Per type, the lowest seq above which every event of that type was read. */
  readAfter: Map<string, number>;
  /** Per type, the counters of identical events as read (`event_counts`). */
  groups: Map<string, EventGroup[]>;
  /** The enrolments, oldest first. */
  enrolments: EnrolmentImage[];
  emails?: EmailRecord[];
  handoffs?: HandoffRecord[];
  /** Per enrolment, its steps, once read. */
  steps: Map<string, StepRecord[]>;
}

export const emptyImage = (id: string): ContactImage => ({
  id,
  contact: undefined,
  events: [],
  complete: true,
  readAbove: 0,
  tails: new Map(),
  readAfter: new Map(),
  groups: new Map(),
  enrolments: [],
  steps: new Map(),
});

/** Adds events read to an image, each once, keeping `events` in seq order. */
export function addRead(image: ContactImage, events: readonly EventRecord[]) {
  const known = new Set(image.events.map((e) => e.seq));
  for (const e of events) if (!known.has(e.seq)) image.events.push(e);
  image.events.sort((a, b) => a.seq - b.seq);
}

/** Whether every event of `type` was read (the history is complete, or the type's tail read to its end). */
export function typeRead(image: ContactImage, type: string): boolean {
  return image.complete || image.tails.get(type)?.done === true;
}

/** A contact's highest seq (events and timers): any number given for it must be above. */
export function watermark(image: ContactImage): number {
  let top = image.events.length ? image.events[image.events.length - 1]!.seq : 0;
  for (const e of image.enrolments) for (const t of e.timers) if (t.seq > top) top = t.seq;
  return top;
}
