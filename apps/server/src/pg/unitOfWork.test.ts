import type { Pool, PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInStore } from '@hourglass/engine';
import { PgEngineReads } from './pgEngineReads.ts';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';

const EVENTS = 5000;
const SECOND = 1000;

let schema: TestSchema;
beforeAll(async () => {
  schema = await createTestSchema();
  // One contact with a long history: an event of type 'a' every second, its seq in instant order.
  await schema.pool.query(`INSERT INTO contacts (id, stage, properties, adjustments, updated_at) VALUES ('c', 'lead', '{}', 0, 0)`);
  await schema.pool.query(
    `INSERT INTO events (seq, contact_id, at, type, data) SELECT i, 'c', i * ${SECOND}, 'a', '{}' FROM generate_series(1, ${EVENTS}) AS i`,
  );
});
afterAll(async () => {
  await schema?.drop();
});

/** The pool, counting the rows its queries answer. */
function counting(pool: Pool) {
  const read = { rows: 0 };
  const connect = async () => {
    const client = await pool.connect();
    const query = (text: string, values?: unknown[]) =>
      client.query(text, values).then((r) => {
        read.rows += r.rows.length;
        return r;
      });
    return { query, release: () => client.release() } as unknown as PoolClient;
  };
  return { pool: { connect } as unknown as Pool, read };
}

describe("a unit of work's window of a long history", () => {
  it('reads a page from the latest event back when a count stops early, not the whole window', async () => {
    const { pool, read } = counting(schema.pool);
    const count = await new PgEngineReads(pool).inSnapshot((unit) => countInStore(unit, 'c', { type: 'a', from: 0, until: EVENTS * SECOND }, 3));
    expect(count).toBe(3);
    expect(read.rows).toBeLessThan(EVENTS / 10);
  });

  it('reads page after page back to the start of a window, each event once', async () => {
    const reads = new PgEngineReads(schema.pool);
    const between = (from: number, until: number) =>
      reads.inSnapshot((unit) => [...unit.eventsBetween('c', 'a', from * SECOND, until * SECOND)].map((e) => e.at / SECOND));
    const all = await between(0, EVENTS);
    expect(all).toEqual(Array.from({ length: EVENTS }, (_, i) => EVENTS - i));
    expect(await between(1000, 1999)).toEqual(Array.from({ length: 1000 }, (_, i) => 1999 - i));
    expect(await countIn(reads, 4900, EVENTS)).toBe(101);
  });
});

function countIn(reads: PgEngineReads, from: number, until: number) {
  return reads.inSnapshot((unit) => countInStore(unit, 'c', { type: 'a', from: from * SECOND, until: until * SECOND }, Infinity));
}
