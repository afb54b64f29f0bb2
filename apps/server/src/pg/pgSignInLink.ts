import { ConfigError, readConfig } from '../config.ts';
import { newSignInCode } from '../signInCodes.ts';
import { createPool, waitForPostgres } from './pgPool.ts';

/** Stands in for HOURGLASS_TOKEN when reading the settings: making a code needs no token. */
const NO_TOKEN = 'not-needed-to-make-a-sign-in-code-'.padEnd(32, '-');

/**
 * A one-time sign-in link for the workers on the PostgreSQL database HOURGLASS_DB names (schema
 * HOURGLASS_PG_SCHEMA): a fresh code written into `sign_in_codes`, which every worker reads, so
 * the link signs in on whichever worker it reaches. `base` as `makeSignInLink`.
 */
export async function makePgSignInLink(env: NodeJS.ProcessEnv, base?: string, now = Date.now()): Promise<{ url: string; expiresAt: number }> {
  const config = readConfig({ ...env, HOURGLASS_TOKEN: env.HOURGLASS_TOKEN || NO_TOKEN });
  const url = config.postgresUrl!;
  const pool = createPool(url, { max: 1, applicationName: 'hourglass-sign-in-link', ...(config.postgresSchema ? { schema: config.postgresSchema } : {}) });
  try {
    await waitForPostgres(pool, url, { attempts: 1 });
    const { rows } = await pool.query<{ known: string | null }>("SELECT to_regclass('sign_in_codes')::text AS known");
    if (!rows[0]?.known)
      throw new ConfigError(
        `There are no Hourglass tables in this database${config.postgresSchema ? ` (schema ${config.postgresSchema})` : ''}: start a worker first (npm start).`,
      );
    const { code, hash, expiresAt } = newSignInCode(now);
    await pool.query(
      `WITH gone AS (DELETE FROM sign_in_codes WHERE expires_at <= $2)
       INSERT INTO sign_in_codes (code_sha256, created_at, expires_at) VALUES ($1, $2, $3)`,
      [hash, now, expiresAt],
    );
    const origin = (base ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
    return { url: `${origin}/?code=${code}`, expiresAt };
  } finally {
    await pool.end();
  }
}
