import type { Pool, PoolClient } from 'pg';

/**
 * Runs `fn` in one transaction on a connection of its own: committed when it resolves, rolled
 * back when it throws (the error goes on), the connection returned to the pool either way.
 */
export async function pgTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
