import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError, readConfig } from './config.ts';
import { createSignInCode } from './signInCodes.ts';

/**
 * A one-time sign-in link for the server whose database HOURGLASS_DB names (as `npm start`
 * reads it): a fresh code written into that database, so the API token need not be known or
 * printed again. `base` is the address browsers reach the server at (default
 * http://localhost:PORT). Opens the file directly, beside a running server: SQLite allows it.
 */
export function makeSignInLink(env: NodeJS.ProcessEnv, base?: string, now = Date.now()): { url: string; expiresAt: number } {
  const config = readConfig(env);
  if (config.dbPath === ':memory:' || !existsSync(config.dbPath)) {
    throw new ConfigError(`There is no Hourglass database at ${config.dbPath}: start the server first (npm start), or set HOURGLASS_DB to its file.`);
  }
  const db = new BetterSqlite3(config.dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sign_in_codes'").get();
    if (!known)
      throw new ConfigError(`The database at ${config.dbPath} was made by an older Hourglass: start this version of the server once, then try again.`);
    const { code, expiresAt } = createSignInCode(db, now);
    const origin = (base ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
    return { url: `${origin}/?code=${code}`, expiresAt };
  } finally {
    db.close();
  }
}
