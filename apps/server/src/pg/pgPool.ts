import pg, { type Pool, type PoolConfig } from 'pg';
import { ConfigError } from '../configError.ts';
import { describeUrl } from './pgUrl.ts';
import { pgTypes } from './pgTypes.ts';

/** A pool on `url`; `schema` (tests) sets every connection's search_path. */
export function createPool(url: string, options: { schema?: string; max?: number; applicationName?: string } = {}): Pool {
  const config: PoolConfig = {
    connectionString: url,
    max: options.max ?? 8,
    types: pgTypes,
    application_name: options.applicationName ?? 'hourglass',
    connectionTimeoutMillis: 5000,
    // A worker that hangs in a transaction must not hold its contacts' locks for long.
    idle_in_transaction_session_timeout: 30_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool(config);
  // A connection the server closed (a restart) is not a crash: an idle one is dropped and
  // replaced, and one in use fails its query, which the worker reports and tries again.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Errors after which trying again cannot help: the connection string is wrong. */
const WRONG = new Map([
  ['28P01', 'the password was rejected'],
  ['28000', 'the user is not allowed to connect'],
  ['3D000', 'the database does not exist'],
  ['ENOTFOUND', 'the host name is unknown'],
]);

/** One line saying why PostgreSQL could not be reached, and whether trying again may help. */
export function connectionProblem(e: unknown, url: string): { message: string; retry: boolean } {
  const err = e as { code?: string; message?: string };
  const where = `PostgreSQL at ${describeUrl(url)}`;
  const wrong = WRONG.get(err.code ?? '');
  if (wrong) return { message: `${where}: ${wrong} (${err.message ?? err.code}); check HOURGLASS_DB.`, retry: false };
  if (err.code === 'ECONNREFUSED') return { message: `${where} refuses connections: is it running?`, retry: true };
  if (err.code === '57P03') return { message: `${where} is starting up.`, retry: true };
  return { message: `${where} cannot be reached: ${err.message ?? String(e)}`, retry: true };
}

export interface ConnectOptions {
  log?: (line: string) => void;
  /** The first wait; it doubles up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Gives up after this many attempts (tests); unset: tries until it connects. */
  attempts?: number;
}

/** Thrown when PostgreSQL cannot be used: a setting that cannot be used, so main prints its one line and exits. */
export class PostgresUnavailable extends ConfigError {}

/**
 * Waits until `pool` connects: while PostgreSQL is down (or starting) it says so in one line and
 * tries again with backoff; a wrong connection string (password, user, database, host) is a
 * `PostgresUnavailable` at once, since waiting cannot fix it.
 */
export async function waitForPostgres(pool: Pool, url: string, options: ConnectOptions = {}): Promise<void> {
  const { log = (l) => console.error(l), firstDelayMs = 500, maxDelayMs = 10_000, attempts = Infinity } = options;
  let delay = firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await pool.connect();
      client.release();
      return;
    } catch (e) {
      const problem = connectionProblem(e, url);
      if (!problem.retry || attempt >= attempts) throw new PostgresUnavailable(problem.message);
      log(`hourglass: ${problem.message} Trying again in ${(delay / 1000).toFixed(1)} s.`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
}
