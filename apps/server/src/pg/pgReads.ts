// What a unit of work has read in one database transaction, and the queries that read more.
import type { EmailRecord, EventRecord, HandoffRecord, StepRecord } from '@hourglass/engine';
import type { EnrolmentStatus } from '@hourglass/documents';
import { toContact, toEmail, toStep, type ContactRow, type EmailRow, type StepRow, type StoredTimer } from '../sqliteRows.ts';
import { SHORT_HISTORY, addRead, emptyImage, type ContactImage, type EnrolmentImage } from './contactImage.ts';
import { roundRobinId, type Need, type RoundRobinKey } from './missingData.ts';
import type { SeqBlocks } from './seqBlocks.ts';

/** One SQL statement with its parameters. */
export interface Query {
  text: string;
  values?: unknown[];
  /**
   * A write that a worker runs as a statement of its own, before or after the others (which it
   * sends as one, pgCombine.ts): a lock to hold first, or a write that reads what the others write.
   */
  alone?: 'before' | 'after';
}
export type Row = Record<string, unknown>;

/** Statements to run in order in the unit's transaction, and what to do with their rows. */
export interface ReadPlan {
  queries: Query[];
  apply(results: Row[][]): void;
}

/**
 * Everything read in one database transaction, under the locks taken in it: the contacts, and
 * what is read by other keys (steps by enrolment, emails and handoffs by contact, round-robin
 * counters, locked until commit). Only added to between runs of the engine, never by it.
 */
export class ReadSet {
  readonly contacts = new Map<string, ContactImage>();
  /** Which contact an enrolment id belongs to, or null when there is no such enrolment. */
  readonly enrolmentOwners = new Map<string, string | null>();
  readonly steps = new Map<string, StepRecord[]>();
  readonly emails = new Map<string, EmailRecord[]>();
  readonly handoffs = new Map<string, HandoffRecord[]>();
  readonly roundRobin = new Map<string, number>();
  /** The flows paused, with the instant each was paused from (undefined until read). */
  held: Map<string, number> | undefined;
  /** Slices of active enrolments read (`activeInKey`): their ids by id, and the limit they were read with. */
  readonly activeIn = new Map<string, { ids: string[]; limit: number }>();

  /**
   * Whether reading a contact first takes its lock, waiting for a worker's batch on it to end
   * (SyncPgStore, beside the workers). A worker has locked the contacts it claimed already.
   */
  constructor(readonly lockContacts = false) {}
}

/** The lock a worker holds on a contact for its batch (PgWorker's CLAIM tries it without waiting). */
export const CONTACT_LOCK = (id: string) => `hashtextextended(${id}, hashtext(current_schema()))`;

/** The key of a slice of a version's active enrolments, whatever its limit. */
export const activeInKey = (flowId: string, version: number, afterId: string | null) => JSON.stringify([flowId, version, afterId]);

/**
 * The lock between pausing a flow and the batches: every batch reads the paused flows under it,
 * shared, and a pause or resume takes it alone before it writes, so no batch writes a paused
 * flow's timers as due after the pause committed. Two int keys: apart from the contacts' locks.
 */
export const HOLD_LOCK = 'hashtext(current_schema()), 1';

interface EventRow {
  seq: number;
  contact_id: string;
  at: number;
  type: string;
  data: string;
}
const toEvent = (r: EventRow): EventRecord => ({ seq: r.seq, contactId: r.contact_id, at: r.at, type: r.type, data: JSON.parse(r.data) });
const EVENT_COLUMNS = 'seq, contact_id, at, type, data';

interface EnrolmentRow {
  id: string;
  flow_id: string;
  version: number;
  contact_id: string;
  status: string;
  entered_at: number;
  ended_at: number | null;
  position: string | null;
  snapshot: string;
  timers: string;
}
const toEnrolmentImage = (r: EnrolmentRow): EnrolmentImage => ({
  id: r.id,
  flowId: r.flow_id,
  version: r.version,
  contactId: r.contact_id,
  status: r.status as EnrolmentStatus,
  enteredAt: r.entered_at,
  endedAt: r.ended_at,
  position: r.position,
  snapshot: r.snapshot,
  timers: JSON.parse(r.timers) as StoredTimer[],
});

/** The queries that read whole contacts: the contact, its latest events, its enrolments (3 statements for any number). */
function readContacts(reads: ReadSet, ids: string[]): ReadPlan {
  return {
    queries: [
      { text: 'SELECT id, email, stage, owner, properties, adjustments FROM contacts WHERE id = ANY($1)', values: [ids] },
      {
        // One more than a short history: whether the history is longer, and where what was read begins.
        text: `SELECT e.seq, e.contact_id, e.at, e.type, e.data FROM unnest($1::text[]) AS c(id)
               CROSS JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM events WHERE contact_id = c.id ORDER BY seq DESC LIMIT ${SHORT_HISTORY + 1}) AS e`,
        values: [ids],
      },
      {
        text: `SELECT id, flow_id, version, contact_id, status, entered_at, ended_at, position, snapshot, timers
               FROM enrolments WHERE contact_id = ANY($1) ORDER BY n`,
        values: [ids],
      },
    ],
    apply([contacts, events, enrolments]) {
      const images = new Map(ids.map((id) => [id, emptyImage(id)]));
      for (const r of contacts as unknown as ContactRow[]) images.get(r.id)!.contact = toContact(r);
      const byContact = new Map<string, EventRecord[]>();
      for (const r of events as unknown as EventRow[]) {
        const list = byContact.get(r.contact_id) ?? [];
        list.push(toEvent(r));
        byContact.set(r.contact_id, list);
      }
      for (const [id, list] of byContact) {
        const image = images.get(id)!;
        list.sort((a, b) => a.seq - b.seq);
        if (list.length > SHORT_HISTORY) {
          image.complete = false;
          image.readAbove = list.shift()!.seq;
        }
        image.events = list;
      }
      for (const r of enrolments as unknown as EnrolmentRow[]) {
        images.get(r.contact_id)!.enrolments.push(toEnrolmentImage(r));
        reads.enrolmentOwners.set(r.id, r.contact_id);
      }
      for (const [id, image] of images) reads.contacts.set(id, image);
    },
  };
}

const bound = (n: number) => (Number.isFinite(n) ? n : null);

/** The plan that reads what `needs` ask for (a contact's events only once the contact itself was read). */
export function planReads(reads: ReadSet, seqs: SeqBlocks, needs: readonly Need[]): ReadPlan {
  const plans: ReadPlan[] = [];
  const contactIds = [
    ...new Set(
      needs.flatMap((n) => (n.kind === 'contact' ? [n.contactId] : n.kind === 'contacts' ? n.contactIds : [])).filter((id) => !reads.contacts.has(id)),
    ),
  ];
  if (contactIds.length && reads.lockContacts)
    plans.push({
      // In a statement of its own, before the reads (a statement reads what was committed when it began); in one order, so two lockers cannot deadlock.
      queries: [
        {
          text: `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${CONTACT_LOCK('c.id')}) FROM unnest($1::text[]) AS c(id)) AS l`,
          values: [[...contactIds].sort()],
        },
      ],
      apply: () => {},
    });
  if (contactIds.length) plans.push(readContacts(reads, contactIds));
  const image = (id: string) => reads.contacts.get(id)!;
  for (const need of needs) {
    switch (need.kind) {
      case 'contact':
      case 'contacts':
        break;
      case 'held':
        plans.push({
          queries: [
            { text: `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock_shared(${HOLD_LOCK})) AS l` },
            { text: 'SELECT flow_id, since FROM paused_flows' },
          ],
          apply: ([, rows]) => void (reads.held = new Map(rows!.map((r) => [r.flow_id as string, r.since as number]))),
        });
        break;
      case 'activeIn':
        plans.push({
          queries: [
            {
              // By id as text, byte by byte (as JavaScript compares them), whatever the database's collation.
              text: `SELECT id, contact_id FROM enrolments WHERE flow_id = $1 AND version = $2 AND status = 'active'
                     AND ($3::text IS NULL OR id COLLATE "C" > $3) ORDER BY id COLLATE "C" LIMIT $4`,
              values: [need.flowId, need.version, need.afterId, bound(need.limit)],
            },
          ],
          apply: ([rows]) => {
            for (const r of rows!) reads.enrolmentOwners.set(r.id as string, r.contact_id as string);
            reads.activeIn.set(activeInKey(need.flowId, need.version, need.afterId), { ids: rows!.map((r) => r.id as string), limit: need.limit });
          },
        });
        break;
      case 'enrolment':
        plans.push({
          queries: [{ text: 'SELECT contact_id FROM enrolments WHERE id = $1', values: [need.id] }],
          apply: ([rows]) => void reads.enrolmentOwners.set(need.id, (rows![0]?.contact_id as string | undefined) ?? null),
        });
        break;
      case 'steps':
        plans.push({
          queries: [
            { text: 'SELECT enrolment_id, at, node, type, port, migrated_from FROM steps WHERE enrolment_id = $1 ORDER BY n', values: [need.enrolmentId] },
          ],
          apply: ([rows]) => void reads.steps.set(need.enrolmentId, (rows as unknown as StepRow[]).map(toStep)),
        });
        break;
      case 'emails':
        plans.push({
          queries: [{ text: 'SELECT * FROM emails WHERE contact_id = $1 ORDER BY n', values: [need.contactId] }],
          apply: ([rows]) => void reads.emails.set(need.contactId, (rows as unknown as EmailRow[]).map(toEmail)),
        });
        break;
      case 'handoffs':
        plans.push({
          queries: [{ text: 'SELECT record FROM handoffs WHERE contact_id = $1 ORDER BY n', values: [need.contactId] }],
          apply: ([rows]) =>
            void reads.handoffs.set(
              need.contactId,
              rows!.map((r) => JSON.parse(r.record as string) as HandoffRecord),
            ),
        });
        break;
      case 'allEvents':
        plans.push({
          queries: [{ text: `SELECT ${EVENT_COLUMNS} FROM events WHERE contact_id = $1 ORDER BY seq`, values: [need.contactId] }],
          apply: ([rows]) => {
            const img = image(need.contactId);
            addRead(img, (rows as unknown as EventRow[]).map(toEvent));
            img.complete = true;
            img.readAbove = 0;
          },
        });
        break;
      case 'tail':
        plans.push({
          queries: [
            {
              text: `SELECT ${EVENT_COLUMNS} FROM events WHERE contact_id = $1 AND type = $2
                     AND ($3::bigint IS NULL OR at < $3 OR (at = $3 AND seq < $4)) ORDER BY at DESC, seq DESC LIMIT $5`,
              values: [need.contactId, need.type, need.before?.at ?? null, need.before?.seq ?? null, need.limit],
            },
          ],
          apply: ([rows]) => {
            const img = image(need.contactId);
            const events = (rows as unknown as EventRow[]).map(toEvent);
            addRead(img, events);
            const before = img.tails.get(need.type);
            const last = events.at(-1);
            img.tails.set(need.type, {
              ...(last ? { cursor: { at: last.at, seq: last.seq } } : before?.cursor ? { cursor: before.cursor } : {}),
              done: need.limit === null || events.length < need.limit,
              reads: (before?.reads ?? 0) + 1,
            });
          },
        });
        break;
      case 'after':
        plans.push({
          queries: [
            {
              text: `SELECT ${EVENT_COLUMNS} FROM events WHERE contact_id = $1 AND type = $2 AND seq > $3`,
              values: [need.contactId, need.type, need.afterSeq],
            },
          ],
          apply: ([rows]) => {
            const img = image(need.contactId);
            addRead(img, (rows as unknown as EventRow[]).map(toEvent));
            img.readAfter.set(need.type, Math.min(need.afterSeq, img.readAfter.get(need.type) ?? Infinity));
          },
        });
        break;
      case 'groups':
        plans.push({
          queries: [{ text: 'SELECT data, count, last_at FROM event_counts WHERE contact_id = $1 AND type = $2', values: [need.contactId, need.type] }],
          apply: ([rows]) =>
            void image(need.contactId).groups.set(
              need.type,
              rows!.map((r) => ({ data: JSON.parse(r.data as string), count: r.count as number, lastAt: r.last_at as number })),
            ),
        });
        break;
      case 'roundRobin':
        plans.push(readRoundRobin(reads, need.key));
        break;
      case 'seq':
        plans.push({
          queries: [{ text: "SELECT nextval('hg_seq') AS start FROM generate_series(1, $1)", values: [need.blocks] }],
          apply: ([rows]) => seqs.grant(rows!.map((r) => r.start as number)),
        });
        break;
    }
  }
  return {
    queries: plans.flatMap((p) => p.queries),
    apply(results) {
      let i = 0;
      for (const p of plans) {
        p.apply(results.slice(i, i + p.queries.length));
        i += p.queries.length;
      }
    },
  };
}

/**
 * A round-robin counter, locked until commit: the upsert takes the row lock, so two workers
 * handing off at the same node take turns, and the counter moves on once per handoff.
 */
function readRoundRobin(reads: ReadSet, key: RoundRobinKey): ReadPlan {
  return {
    queries: [
      {
        text: `INSERT INTO round_robin (flow_id, version, node, next) VALUES ($1, $2, $3, 0)
               ON CONFLICT (flow_id, version, node) DO UPDATE SET next = round_robin.next RETURNING next`,
        values: [key.flowId, key.version, key.node],
      },
    ],
    apply: ([rows]) => void reads.roundRobin.set(roundRobinId(key), rows![0]!.next as number),
  };
}

/** The contacts a plan of needs must read first (a contact's events need the contact). */
export function contactsFirst(reads: ReadSet, needs: readonly Need[]): Need[] {
  const missing = needs.flatMap((n): Need[] =>
    'contactId' in n && n.kind !== 'contact' && n.kind !== 'emails' && n.kind !== 'handoffs' && !reads.contacts.has(n.contactId)
      ? [{ kind: 'contact', contactId: n.contactId }]
      : [],
  );
  return missing.length ? missing : [...needs];
}
