import type { Pool } from 'pg';
import type { ContactMix } from '@hourglass/api';
import { TOP_VALUES, contactMixOf, type PropertyKinds, type StageCount, type TopValue } from '../contactMixRepository.ts';

/** A JSON property value as the text SQLite's json_each gives (a string without its quotes). */
const TEXT = "(j.value #>> '{}')";

/**
 * How the contacts spread over stages and property values on PostgreSQL, counted in the database
 * over the stored JSON (as ContactMixRepository on SQLite; texts ordered byte-wise, as SQLite does).
 */
export class PgContactMixRepository {
  constructor(private readonly pool: Pool) {}

  async mix(): Promise<ContactMix> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const contacts = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts')).rows[0]!.n;
      const stages = (await client.query<StageCount>('SELECT stage, count(*)::int AS n FROM contacts GROUP BY stage')).rows;
      const kinds = (
        await client.query<PropertyKinds>(`SELECT j.key,
            count(*) FILTER (WHERE jsonb_typeof(j.value) = 'number')::int AS numbers,
            (min(j.value::numeric) FILTER (WHERE jsonb_typeof(j.value) = 'number'))::float8 AS lo,
            (max(j.value::numeric) FILTER (WHERE jsonb_typeof(j.value) = 'number'))::float8 AS hi,
            count(*) FILTER (WHERE jsonb_typeof(j.value) = 'number' AND j.value::numeric % 1 <> 0)::int AS reals,
            count(*) FILTER (WHERE jsonb_typeof(j.value) = 'string')::int AS texts,
            count(DISTINCT ${TEXT}) FILTER (WHERE jsonb_typeof(j.value) = 'string')::int AS distinct_texts
          FROM contacts c, jsonb_each(c.properties::jsonb) AS j GROUP BY j.key`)
      ).rows;
      const top = (
        await client.query<TopValue>(`SELECT key, value, n FROM (
            SELECT j.key, ${TEXT} AS value, count(*)::int AS n,
              row_number() OVER (PARTITION BY j.key ORDER BY count(*) DESC, ${TEXT} COLLATE "C") AS r
            FROM contacts c, jsonb_each(c.properties::jsonb) AS j WHERE jsonb_typeof(j.value) = 'string' GROUP BY j.key, ${TEXT}) AS t
          WHERE r <= ${TOP_VALUES} ORDER BY key COLLATE "C", n DESC, value COLLATE "C"`)
      ).rows;
      return contactMixOf({ contacts, stages, kinds, top });
    } finally {
      await client.query('COMMIT').catch(() => {});
      client.release();
    }
  }
}
