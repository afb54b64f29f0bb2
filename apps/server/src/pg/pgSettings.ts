import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { SettingsReader } from '../emailSettings.ts';
import { SECRET_KEY } from '../publicToken.ts';

/**
 * The workspace's settings as a worker last read them (the settings table is small): what the
 * email composer reads synchronously (emailComposer.ts), read again before each round of outbox
 * delivery, so settings saved through any worker apply to the emails that leave after.
 */
export class PgSettings implements SettingsReader {
  private values = new Map<string, string>();

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  async refresh(pool: Pick<Pool, 'query'>): Promise<void> {
    const { rows } = await pool.query<{ key: string; value: string }>('SELECT key, value FROM settings');
    this.values = new Map(rows.map((r) => [r.key, r.value]));
  }
}

/**
 * The key public links are signed with, the same on every worker: `HOURGLASS_SECRET` when set,
 * else the one kept in the settings table, made by whichever worker asks first (the others read
 * it), so a link sent by one worker opens on any other and across restarts.
 */
export async function pgPublicSecret(pool: Pick<Pool, 'query'>, fromEnv?: string): Promise<Buffer> {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SECRET_KEY, randomBytes(32).toString('base64url')]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SECRET_KEY]);
  return Buffer.from(rows[0]!.value, 'utf8');
}
