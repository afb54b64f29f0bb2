import { hostname } from 'node:os';
import type { Pool, PoolClient } from 'pg';
import type { EventInput } from '@hourglass/api';
import type { InboxCommand } from '../inboxEntry.ts';
import { timeOrderedId } from '../timeOrderedId.ts';
import { applyBatch, type BatchOutcome, type InboxRow } from './batchInputs.ts';
import { isMissingData, type Need } from './missingData.ts';
import { ReadSet, contactsFirst, planReads } from './pgReads.ts';
import { connectionProblem } from './pgPool.ts';
import { PgWorkspace } from './pgWorkspace.ts';
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
  /** How long an idle worker waits before looking for work again (ms). */
  idleMs?: number;
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
  WHERE pg_try_advisory_xact_lock(hashtextextended(contact_id, hashtext(current_schema())))
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
  private readonly waiters = new Map<number, (outcome: unknown) => void>();
  /** Answers applied before their `send` knew its place in line (see `send`). */
  private readonly early = new Map<number, unknown>();
  private sending = 0;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  /** The contacts the batch in flight has locked (GET /api/health). */
  held: readonly string[] = [];
  /** Inputs applied and timers fired since start. */
  applied = 0;

  constructor(private readonly options: PgWorkerOptions) {
    this.pool = options.pool;
    this.id = options.id ?? `${hostname()}:${process.pid}:${timeOrderedId().slice(-6)}`;
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((m) => console.error(m));
    this.workspace = new PgWorkspace(this.unit, this.now, this.log);
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
      const inserted = await this.pool.query<{ n: number }>(
        `INSERT INTO inbox (kind, contact_id, event_id, at, event)
         SELECT 'event', e->>'contactId', e->>'id', $2, e::text FROM jsonb_array_elements($1::jsonb) AS e RETURNING n`,
        [JSON.stringify(unique), this.now()],
      );
      // Their places in line: the API waits for them to be applied (PgApiRuntime.submit).
      rows = inserted.rows.map((r) => r.n);
    }
    this.kick();
    return { accepted: unique.length, duplicates: events.length - unique.length, rows };
  }

  /** Queues a command (contact update, enrolment) and resolves with its outcome once applied by this worker. */
  async send(command: InboxCommand): Promise<unknown> {
    this.sending++;
    try {
      const { rows } = await this.pool.query<{ n: number }>('INSERT INTO inbox (kind, contact_id, at, event) VALUES ($1, $2, $3, $4) RETURNING n', [
        command.kind,
        command.contactId,
        this.now(),
        JSON.stringify(command),
      ]);
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
    try {
      await client.query('BEGIN');
      const outcome = await this.batch(client);
      await client.query('COMMIT');
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
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      throw e;
    } finally {
      this.held = [];
      client.release(broken);
    }
  }

  private async batch(client: PoolClient): Promise<BatchOutcome> {
    const engine = await this.workspace.refresh(client);
    const now = this.now();
    const batchContacts = this.options.batchContacts ?? 256;
    const batchInputs = this.options.batchInputs ?? 4096;
    const claimed = await client.query<{ contact_id: string }>(CLAIM, [now, batchContacts * 4, batchContacts]);
    if (claimed.rows.length === 0) return { applied: 0, queries: [], answers: [] };
    const contacts = claimed.rows.map((r) => r.contact_id);
    this.held = contacts;
    const { rows: inbox } = await client.query<InboxRow>('SELECT n, kind, contact_id, at, event FROM inbox WHERE contact_id = ANY($1) ORDER BY n LIMIT $2', [
      contacts,
      batchInputs,
    ]);
    const ids = inbox.flatMap((r) => (r.kind === 'event' ? [(JSON.parse(r.event) as { id: string }).id] : []));
    const seen = new Set(ids.length ? (await client.query<{ id: string }>('SELECT id FROM event_ids WHERE id = ANY($1)', [ids])).rows.map((r) => r.id) : []);
    const reads = new ReadSet();
    await this.read(client, reads, [...contacts.map((contactId): Need => ({ kind: 'contact', contactId }))]);
    await this.workspace.readVersionsOf(
      client,
      [...reads.contacts.values()].flatMap((c) => c.enrolments.map((e): [string, number] => [e.flowId, e.version])),
    );
    // Numbers for the batch's events and timers without asking again mid-batch (a new block costs a run).
    const wanted = inbox.length * 4 + contacts.length * 4 + 64;
    if (this.seqs.left() < wanted) await this.read(client, reads, [{ kind: 'seq', above: 0, blocks: Math.ceil((wanted - this.seqs.left()) / SEQ_BLOCK) }]);
    for (let isolate = false; ;) {
      this.unit.reset(reads);
      try {
        const outcome = applyBatch({ engine, unit: this.unit, contacts, inbox, cut: inbox.length === batchInputs, seen, now, isolate, log: this.log });
        for (const q of [...commitQueries(this.unit.writes, reads, now), ...outcome.queries]) await client.query(q.text, q.values);
        await client.query('UPDATE workers SET applied = applied + $2, heartbeat_at = $3 WHERE id = $1', [this.id, outcome.applied, now]);
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
    const results = [];
    for (const q of plan.queries) results.push((await client.query(q.text, q.values)).rows);
    plan.apply(results);
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
        const applied = await this.runBatch();
        delay = 250;
        if (applied === 0) await this.idle(this.options.idleMs ?? 50);
      } catch (e) {
        if (RETRYABLE.has((e as { code?: string }).code ?? '')) continue;
        const problem = this.options.url ? connectionProblem(e, this.options.url).message : (e as Error).message;
        this.log(`hourglass: worker ${this.id}: ${problem} Trying again in ${(delay / 1000).toFixed(1)} s.`);
        await this.idle(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
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
    this.wake?.();
  }

  /** Stops after the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.loop;
    for (const resolve of this.waiters.values()) resolve(new Error('The worker stopped before this change was applied; it is applied after the next start.'));
    this.waiters.clear();
  }
}
