import { hostname } from 'node:os';
import type { Pool, PoolClient } from 'pg';
import type { EventInput } from '@hourglass/api';
import type { InboxCommand } from '../inboxEntry.ts';
import { timeOrderedId } from '../timeOrderedId.ts';
import { applyBatch, type BatchOutcome, type InboxRow } from './batchInputs.ts';
import { isMissingData, type Need } from './missingData.ts';
import { MigrationPlans, versionsNamed } from './pgMigrateRows.ts';
import { combineReads, combineWrites, splitReads } from './pgCombine.ts';
import { CONTACT_LOCK, HOLD_LOCK, ReadSet, contactsFirst, planReads, type Query, type Row } from './pgReads.ts';
import { connectionProblem } from './pgPool.ts';
import { NOTIFY_INBOX, PgWakeups, QUEUE_INBOX_ROW } from './pgWakeups.ts';
import { LIVE, PgWorkspace, type LiveRow } from './pgWorkspace.ts';
import { SEQ_BLOCK, SeqBlocks } from './seqBlocks.ts';
import { commitQueries } from './unitCommit.ts';
import { UnitOfWork } from './unitOfWork.ts';

export interface PgWorkerOptions {
  pool: Pool;
  /** This worker's name in the `workers` table (unique per process). */
  id?: string;
  now?: () => number;
  log?: (message: string) => void;
  /** Contacts locked and processed per batch (one transaction). */
  batchContacts?: number;
  /** Inbox rows read per batch at most. */
  batchInputs?: number;
  /** Called after each batch that committed something (deliver the outbox). */
  onCommit?: () => void;
  /** How long an idle worker waits before looking for work again while it cannot LISTEN (ms). */
  idleMs?: number;
  /** How long an idle worker that LISTENs sleeps at most (ms): it is woken by new inputs and its next timer. */
  sleepMs?: number;
  /** The URL, for messages about the connection. */
  url?: string;
}

/**
 * Finds contacts with work — the oldest inbox rows and the earliest due timers — and takes the
 * first ones it can lock: a transaction-scoped advisory lock per contact, tried without waiting
 * (the SKIP LOCKED of advisory locks), so workers share contacts without queueing behind each
 * other, and a lock ends with its transaction, or with the connection of a worker killed.
 */
const CLAIM = `
  WITH candidates AS MATERIALIZED (
    SELECT contact_id, min(k) AS k FROM (
      (SELECT contact_id, wake_at AS k FROM enrolments WHERE wake_at <= $1 ORDER BY wake_at, wake_seq LIMIT $2)
      UNION ALL
      (SELECT contact_id, at AS k FROM inbox ORDER BY n LIMIT $2)
    ) AS work GROUP BY contact_id ORDER BY min(k) LIMIT $2
  )
  SELECT contact_id FROM candidates
  WHERE pg_try_advisory_xact_lock(${CONTACT_LOCK('contact_id')})
  LIMIT $3`;

/** A transaction lost to a deadlock or a serialization failure: simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * One runtime worker on PostgreSQL. Any number run on one database (in one process or many):
 * each batch is one transaction that locks a few hundred contacts (`CLAIM`), reads their records
 * (`ReadSet`), runs the engine over them synchronously (`UnitOfWork`, `applyBatch`) and commits
 * every write with the inbox rows it applied. A worker that dies holds nothing: its transaction
 * rolls back and its locks go with its connection. Effects (the outbox) leave after commit.
 */
export class PgWorker {
  readonly id: string;
  private readonly pool: Pool;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly seqs = new SeqBlocks();
  private readonly unit = new UnitOfWork(new ReadSet(), this.seqs);
  private readonly workspace: PgWorkspace;
  private readonly plans = new MigrationPlans();
  private readonly waiters = new Map<number, (outcome: unknown) => void>();
  /** Answers applied before their `send` knew its place in line (see `send`). */
  private readonly early = new Map<number, unknown>();
  private sending = 0;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private kicked = false;
  private readonly wakeups: PgWakeups;
  /** The contacts the batch in flight has locked (GET /api/health). */
  held: readonly string[] = [];
  /** Inputs applied and timers fired since start. */
  applied = 0;
  /** Batches run to their end since start (committed or not). */
  batches = 0;

  constructor(private readonly options: PgWorkerOptions) {
    this.pool = options.pool;
    this.id = options.id ?? `${hostname()}:${process.pid}:${timeOrderedId().slice(-6)}`;
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((m) => console.error(m));
    this.workspace = new PgWorkspace(this.unit, this.now, this.log);
    this.wakeups = new PgWakeups(this.pool, () => this.kick());
  }

  // ---- accepting --------------------------------------------------------------------------------

  /**
   * Accepts a client's events into the inbox (one statement; durable when it resolves). An id
   * repeated within the request is a duplicate; one processed before is recognised when applied.
   */
  async accept(events: readonly EventInput[]): Promise<{ accepted: number; duplicates: number; rows: number[] }> {
    const seen = new Set<string>();
    const unique = events.filter((e) => !seen.has(e.id) && !!seen.add(e.id));
    let rows: number[] = [];
    if (unique.length) {
      // Idle workers are told at commit (PgWakeups), in the same statement; the rows' numbers are
      // their places in line, which the API waits for (PgApiRuntime.submit).
      const inserted = await this.pool.query<{ n: number }>(
        `WITH ins AS (INSERT INTO inbox (kind, contact_id, event_id, at, event)
           SELECT 'event', e->>'contactId', e->>'id', $2, e::text FROM jsonb_array_elements($1::jsonb) AS e RETURNING n)
         SELECT ins.n FROM ins CROSS JOIN (SELECT ${NOTIFY_INBOX}) AS note`,
        [JSON.stringify(unique), this.now()],
      );
      rows = inserted.rows.map((r) => r.n);
    }
    this.kick();
    return { accepted: unique.length, duplicates: events.length - unique.length, rows };
  }

  /** Queues a command (contact update, enrolment) and resolves with its outcome once applied by this worker. */
  async send(command: InboxCommand): Promise<unknown> {
    this.sending++;
    try {
      const { rows } = await this.pool.query<{ n: number }>(QUEUE_INBOX_ROW, [command.kind, command.contactId, null, this.now(), JSON.stringify(command)]);
      const n = rows[0]!.n;
      // A batch may apply the row before this line runs: its answer then waits in `early`.
      if (this.early.has(n)) {
        const answer = this.early.get(n);
        this.early.delete(n);
        return answer;
      }
      const outcome = new Promise((resolve) => this.waiters.set(n, resolve));
      this.kick();
      return await outcome;
    } finally {
      this.sending--;
    }
  }

  // ---- working ----------------------------------------------------------------------------------

  /** Runs one batch: returns how many inputs and timers it applied (0: nothing to do). */
  async runBatch(): Promise<number> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let open = false;
    try {
      open = true;
      const outcome = await this.batch(client);
      await client.query('COMMIT');
      open = false;
      this.seqs.settled();
      this.applied += outcome.applied;
      for (const [n, answer] of outcome.answers) {
        const waiter = this.waiters.get(n);
        this.waiters.delete(n);
        if (waiter) waiter(answer);
        else if (this.sending > 0) this.early.set(n, answer);
      }
      // Answers of other workers' commands are kept only while a send of this one is in flight, and few.
      if (this.sending === 0) this.early.clear();
      for (const n of [...this.early.keys()].slice(0, Math.max(0, this.early.size - 1000))) this.early.delete(n);
      if (outcome.applied || outcome.queries.length) this.options.onCommit?.();
      return outcome.applied + outcome.answers.length;
    } catch (e) {
      if (open) await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      throw e;
    } finally {
      this.held = [];
      this.batches++;
      client.release(broken);
    }
  }

  /**
   * One batch in about four round trips: the transaction begun with the live flows read and the
   * contacts claimed (one simple query), everything read of them (one statement, pgCombine.ts),
   * every write (one statement, and a few of their own when needed), the commit. More only when
   * the engine asks for something not read, or for a version not parsed yet.
   */
  private async batch(client: PoolClient): Promise<BatchOutcome> {
    const now = this.now();
    const batchContacts = this.options.batchContacts ?? 256;
    const batchInputs = this.options.batchInputs ?? 4096;
    // Numbers only, inlined: a simple query may hold several statements, one round trip for all.
    const claim = CLAIM.replace('$1', String(Math.trunc(now)))
      .replaceAll('$2', String(batchContacts * 4))
      .replace('$3', String(batchContacts));
    // The hold lock before anything is read: a pause committed before it is seen by the reads below (HOLD_LOCK).
    const [, , live, skipped, claimed] = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock_shared(${HOLD_LOCK}); ${LIVE}; SELECT flow_id, before FROM skipped_emails; ${claim}`,
    )) as unknown as [unknown, unknown, { rows: LiveRow[] }, { rows: { flow_id: string; before: number }[] }, { rows: { contact_id: string }[] }];
    const engine = await this.workspace.refreshFrom(client, live.rows);
    // Resumed flows whose past emails are skipped, whichever worker resumed them (PgPause).
    engine.skipPastEmails(new Map(skipped.rows.map((r) => [r.flow_id, r.before])));
    if (claimed.rows.length === 0) return { applied: 0, queries: [], answers: [] };
    const contacts = claimed.rows.map((r) => r.contact_id);
    this.held = contacts;
    const reads = new ReadSet();
    // Numbers for the batch's events and timers without asking again mid-batch (a new block costs a run).
    const guess = contacts.length * 12 + 64;
    const plan = planReads(reads, this.seqs, [
      { kind: 'held' },
      { kind: 'contacts', contactIds: contacts },
      ...(this.seqs.left() < guess ? [{ kind: 'seq', above: 0, blocks: Math.ceil((guess - this.seqs.left()) / SEQ_BLOCK) } as const] : []),
    ]);
    const inboxQuery = {
      text: 'SELECT n, kind, contact_id, at, event FROM inbox WHERE contact_id = ANY($1) ORDER BY n LIMIT $2',
      values: [contacts, batchInputs],
    };
    const seenQuery = {
      text: `SELECT id FROM event_ids WHERE id IN (SELECT i.event::jsonb ->> 'id' FROM (${inboxQuery.text}) AS i WHERE i.kind = 'event')`,
      values: inboxQuery.values,
    };
    const all = [inboxQuery, seenQuery, ...plan.queries];
    const { rows } = await client.query(combineReads(all));
    const [inbox, seenRows, ...results] = splitReads(rows[0]!, all.length) as [InboxRow[], { id: string }[], ...Row[][]];
    plan.apply(results);
    const seen = new Set(seenRows.map((r) => r.id));
    const plans = await this.plans.readFor(client, inbox);
    await this.workspace.readVersionsOf(client, [
      ...[...reads.contacts.values()].flatMap((c) => c.enrolments.map((e): [string, number] => [e.flowId, e.version])),
      ...versionsNamed(inbox, plans),
    ]);
    const wanted = inbox.length * 4 + contacts.length * 4 + 64;
    if (this.seqs.left() < wanted) await this.read(client, reads, [{ kind: 'seq', above: 0, blocks: Math.ceil((wanted - this.seqs.left()) / SEQ_BLOCK) }]);
    const hasSplit = (flowId: string, version: number) => this.workspace.hasSplit(flowId, version);
    for (let isolate = false; ;) {
      this.unit.reset(reads);
      try {
        const outcome = applyBatch({ engine, unit: this.unit, contacts, inbox, cut: inbox.length === batchInputs, plans, seen, now, isolate, log: this.log });
        const writes: Query[] = [
          ...commitQueries(this.unit.writes, reads, now, hasSplit),
          ...outcome.queries,
          { text: 'UPDATE workers SET applied = applied + $2, heartbeat_at = $3 WHERE id = $1', values: [this.id, outcome.applied, now] },
        ];
        for (const q of writes.filter((w) => w.alone === 'before')) await client.query(q.text, q.values);
        const together = combineWrites(writes.filter((w) => !w.alone));
        await client.query(together.text, together.values);
        for (const q of writes.filter((w) => w.alone === 'after')) await client.query(q.text, q.values);
        return outcome;
      } catch (e) {
        if (isMissingData(e)) await this.read(client, reads, contactsFirst(reads, [e.need]));
        else if (!isolate && !(e as { code?: string }).code) isolate = true;
        else throw e;
      }
    }
  }

  private async read(client: PoolClient, reads: ReadSet, needs: Need[]) {
    const plan = planReads(reads, this.seqs, needs);
    // A round-robin counter is read by an upsert (to lock its row), which cannot be a subquery.
    if (plan.queries.every((q) => /^\s*SELECT\b/i.test(q.text))) {
      const { rows } = await client.query(combineReads(plan.queries));
      plan.apply(splitReads(rows[0]!, plan.queries.length));
    } else {
      const results = [];
      for (const q of plan.queries) results.push((await client.query(q.text, q.values)).rows);
      plan.apply(results);
    }
  }

  // ---- running ----------------------------------------------------------------------------------

  /** Registers the worker and works until `stop`: batches back to back while there is work, polling when idle. */
  async start(): Promise<void> {
    await this.heartbeat();
    this.loop = this.run();
  }

  /** Writes this worker's heartbeat (GET /api/health counts the workers alive by it). */
  async heartbeat(): Promise<void> {
    const now = this.now();
    await this.pool.query(
      `INSERT INTO workers (id, host, pid, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
      [this.id, hostname(), process.pid, now],
    );
  }

  private async run() {
    let delay = 250;
    let lastBeat = 0;
    while (!this.stopped) {
      try {
        if (this.now() - lastBeat >= 1000) {
          await this.heartbeat();
          lastBeat = this.now();
        }
        const listening = await this.wakeups.ensure();
        this.kicked = false;
        const applied = await this.runBatch();
        delay = 250;
        // Idle: woken by NOTIFY when inputs arrive, else at the next due timer (or after a second:
        // timers set by other workers); polling every 50 ms while not listening.
        if (applied === 0) await this.idle(listening ? await this.untilNextTimer() : (this.options.idleMs ?? 50));
      } catch (e) {
        if (RETRYABLE.has((e as { code?: string }).code ?? '')) continue;
        const problem = this.options.url ? connectionProblem(e, this.options.url).message : (e as Error).message;
        this.log(`hourglass: worker ${this.id}: ${problem} Trying again in ${(delay / 1000).toFixed(1)} s.`);
        await this.idle(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  /** How long an idle worker may sleep: until the earliest timer is due, a second at most. */
  private async untilNextTimer(): Promise<number> {
    const { rows } = await this.pool.query<{ at: number | null }>('SELECT min(wake_at) AS at FROM enrolments WHERE wake_at IS NOT NULL');
    const at = rows[0]?.at;
    const most = this.options.sleepMs ?? 1000;
    return at === null || at === undefined ? most : Math.max(0, Math.min(most, at - this.now()));
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Told of work while the last batch ran (it may have looked before those rows were committed).
      if (this.kicked) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Looks for work at once (something was accepted). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Stops after the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.loop;
    await this.wakeups.stop();
    for (const resolve of this.waiters.values()) resolve(new Error('The worker stopped before this change was applied; it is applied after the next start.'));
    this.waiters.clear();
  }
}
