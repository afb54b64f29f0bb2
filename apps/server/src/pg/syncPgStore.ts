import { randomBytes } from 'node:crypto';
import type { EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, StepRecord, Store, StoredContact, TimerRecord } from '@hourglass/engine';
import { createSyncFn } from 'synckit';
import { byWake, toTimer, type StoredTimer } from '../sqliteRows.ts';
import { isMissingData } from './missingData.ts';
import { ReadSet, contactsFirst, planReads, type Query, type Row } from './pgReads.ts';
import { SeqBlocks } from './seqBlocks.ts';
import type { SyncPgCall } from './syncPgWorker.ts';
import { commitQueries } from './unitCommit.ts';
import { UnitOfWork } from './unitOfWork.ts';

const call = createSyncFn<(c: SyncPgCall) => Promise<Row[][]>>(new URL('../../bin/sync-pg-worker.js', import.meta.url).href);

/** One PostgreSQL connection answered synchronously (a worker thread waited on): for tests and tools only. */
export class SyncPg {
  private readonly key = randomBytes(8).toString('hex');
  constructor(url: string, schema?: string) {
    call({ op: 'open', key: this.key, url, ...(schema ? { schema } : {}) });
  }
  run(queries: Query[]): Row[][] {
    return call({ op: 'run', key: this.key, queries });
  }
  close(): void {
    call({ op: 'close', key: this.key });
  }
}

/**
 * The PostgreSQL store as one synchronous `Store`, for the store contract and tools: each
 * outermost transaction is one database transaction in which a `UnitOfWork` runs `fn`, reading
 * what it misses (and running `fn` again), and then commits the unit's writes — the very reads,
 * unit and commit a worker uses (PgWorker), without the worker's batching and locks. A call
 * outside a transaction is a transaction of its own. Every call waits for the database.
 */
export class SyncPgStore implements Store {
  private unit: UnitOfWork | undefined;
  private readonly seqs = new SeqBlocks();

  constructor(
    private readonly db: SyncPg,
    private readonly now = () => Date.now(),
  ) {}

  transaction<T>(fn: () => T): T {
    if (this.unit) return this.unit.transaction(fn);
    this.db.run([{ text: 'BEGIN' }]);
    try {
      // Beside the workers (a migration, a pause): each contact read is locked as a worker's batch locks it.
      const reads = new ReadSet(true);
      for (;;) {
        const unit = new UnitOfWork(reads, this.seqs);
        let result: T;
        this.unit = unit;
        try {
          result = unit.transaction(fn);
        } catch (e) {
          if (!isMissingData(e)) throw e;
          const plan = planReads(reads, this.seqs, contactsFirst(reads, [e.need]));
          plan.apply(this.db.run(plan.queries));
          continue;
        } finally {
          this.unit = undefined;
        }
        this.db.run([...commitQueries(unit.writes, reads, this.now()), { text: 'COMMIT' }]);
        return result;
      }
    } catch (e) {
      this.db.run([{ text: 'ROLLBACK' }]);
      throw e;
    }
  }

  private auto<T>(fn: (unit: UnitOfWork) => T): T {
    return this.transaction(() => fn(this.unit!));
  }

  getContact(id: string) {
    return this.auto((u) => u.getContact(id));
  }
  putContact(contact: StoredContact) {
    this.auto((u) => u.putContact(contact));
  }
  addEvent(event: Omit<EventRecord, 'seq'>) {
    return this.auto((u) => u.addEvent(event));
  }
  eventsOf(contactId: string) {
    return this.auto((u) => u.eventsOf(contactId));
  }
  lastEventSeq(contactId: string) {
    return this.auto((u) => u.lastEventSeq(contactId));
  }
  recentEvents(contactId: string, limit: number) {
    return this.auto((u) => u.recentEvents(contactId, limit));
  }
  eventsBetween(contactId: string, type: string, from: number, until: number) {
    // Read whole inside the transaction: the unit's window reads its pages as it is iterated.
    return this.auto((u) => [...u.eventsBetween(contactId, type, from, until)]);
  }
  eventsAfter(contactId: string, type: string, afterSeq: number) {
    return this.auto((u) => u.eventsAfter(contactId, type, afterSeq));
  }
  eventGroups(contactId: string, type: string) {
    return this.auto((u) => u.eventGroups(contactId, type));
  }
  getEnrolment(id: string) {
    return this.auto((u) => u.getEnrolment(id));
  }
  enrolmentsOf(flowId: string, contactId: string) {
    return this.auto((u) => u.enrolmentsOf(flowId, contactId));
  }
  activeEnrolmentsOf(contactId: string) {
    return this.auto((u) => u.activeEnrolmentsOf(contactId));
  }
  activeEnrolmentsIn(flowId: string, version: number, afterId: string | null, limit: number) {
    return this.auto((u) => u.activeEnrolmentsIn(flowId, version, afterId, limit));
  }
  holdTimers(flowId: string, since: number | null) {
    this.auto((u) => u.holdTimers(flowId, since));
  }
  heldFlows() {
    return this.auto((u) => new Map(u.heldFlows()));
  }
  putEnrolment(enrolment: EnrolmentRecord) {
    this.auto((u) => u.putEnrolment(enrolment));
  }

  /** The due timers of the contacts the unit read, merged with those of every other contact as the database has them. */
  dueTimers(until: number, limit: number): TimerRecord[] {
    return this.auto((u) => {
      const read = [...u.reads.contacts.keys()];
      const [rows] = this.db.run([
        {
          text: `SELECT id, timers, wake_at, wake_seq FROM enrolments WHERE wake_at <= $1 AND NOT (contact_id = ANY($2))
                 ORDER BY wake_at, wake_seq LIMIT $3`,
          values: [until, read, Number.isFinite(limit) ? limit : null],
        },
      ]) as [{ id: string; timers: string; wake_at: number; wake_seq: number }[]];
      // An enrolment's later timers may come after another's earliest: only up to the last row read.
      const last = rows.length === limit ? rows[rows.length - 1] : undefined;
      const due = rows.flatMap((row) =>
        (JSON.parse(row.timers) as StoredTimer[])
          .filter((t) => t.wakeAt <= until && (!last || byWake(t, { wakeAt: last.wake_at, seq: last.wake_seq }) <= 0))
          .map((timer) => ({ enrolmentId: row.id, timer })),
      );
      return [...due, ...u.earliestTimers(until, limit)]
        .sort((a, b) => byWake(a.timer, b.timer))
        .slice(0, limit)
        .map((d) => toTimer(d.enrolmentId, d.timer));
    });
  }
  nextTimerAt(): number | undefined {
    return this.auto((u) => {
      const [rows] = this.db.run([
        { text: 'SELECT min(wake_at) AS at FROM enrolments WHERE wake_at IS NOT NULL AND NOT (contact_id = ANY($1))', values: [[...u.reads.contacts.keys()]] },
      ]);
      const db = rows![0]!.at as number | null;
      const mine = u.nextTimerAt();
      return db === null ? mine : mine === undefined ? db : Math.min(db, mine);
    });
  }

  addStep(step: StepRecord) {
    this.auto((u) => u.addStep(step));
  }
  setStepPort(enrolmentId: string, node: string, port: string) {
    this.auto((u) => u.setStepPort(enrolmentId, node, port));
  }
  stepsOf(enrolmentId: string) {
    return this.auto((u) => u.stepsOf(enrolmentId));
  }
  addEmail(email: EmailRecord) {
    this.auto((u) => u.addEmail(email));
  }
  emailsOf(contactId: string) {
    return this.auto((u) => u.emailsOf(contactId));
  }
  addHandoff(handoff: HandoffRecord) {
    this.auto((u) => u.addHandoff(handoff));
  }
  handoffsOf(contactId: string) {
    return this.auto((u) => u.handoffsOf(contactId));
  }
  takeRoundRobin(flowId: string, version: number, node: string) {
    return this.auto((u) => u.takeRoundRobin(flowId, version, node));
  }
}
