import type { Pool } from 'pg';
import { buildTrace, Engine, type ScoreSplit } from '@hourglass/engine';
import type { ScoringModel, Trace } from '@hourglass/documents';
import { isMissingData } from './missingData.ts';
import { ReadSet, contactsFirst, planReads } from './pgReads.ts';
import { SeqBlocks } from './seqBlocks.ts';
import { UnitOfWork } from './unitOfWork.ts';

/**
 * The reads of the API that go through the engine's store (a contact's score, a trace), on
 * PostgreSQL: the engine runs over a unit of work in a read-only snapshot, and what it asks for
 * that was not read is read and the call run again — the reads a worker makes (pgReads.ts),
 * without locks or writes. A contact being changed meanwhile is seen as of its last commit.
 */
export class PgEngineReads {
  constructor(private readonly pool: Pool) {}

  async scoreOf(scoring: ScoringModel, contactId: string, at: number): Promise<ScoreSplit | undefined> {
    return this.inSnapshot((unit) => new Engine({ store: unit, scoring, loadVersion: () => undefined }).scoreOf(contactId, at));
  }

  async trace(scoring: ScoringModel, flowId: string, contactId: string, at: number): Promise<Trace> {
    return this.inSnapshot((unit) => buildTrace(unit, { id: flowId }, contactId, at, scoring));
  }

  /** Runs `fn` over a unit of work in one read-only snapshot, reading what it asks for and running it again. */
  async inSnapshot<T>(fn: (unit: UnitOfWork) => T): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const reads = new ReadSet();
      const seqs = new SeqBlocks();
      for (;;) {
        try {
          return fn(new UnitOfWork(reads, seqs));
        } catch (e) {
          if (!isMissingData(e)) throw e;
          const plan = planReads(reads, seqs, contactsFirst(reads, [e.need]));
          const results = [];
          for (const q of plan.queries) results.push((await client.query(q.text, q.values)).rows);
          plan.apply(results);
        }
      }
    } finally {
      await client.query('COMMIT').catch(() => {});
      client.release();
    }
  }
}
