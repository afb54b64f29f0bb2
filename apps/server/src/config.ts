import { isAbsolute, resolve } from 'node:path';
import { senderError } from '@hourglass/documents';
import { ConfigError } from './configError.ts';
import { MIN_SECRET_LENGTH } from './publicToken.ts';
import { checkPostgresUrl, isPostgresUrl } from './pg/pgUrl.ts';

/** The server's settings, read from the environment (docs/server.md). */
export interface ServerConfig {
  port: number;
  /** Where to listen; unset listens on every interface. */
  host?: string;
  dbPath: string;
  /** HOURGLASS_DB=postgres://…: the PostgreSQL database the workers share (docs/scale-out.md); dbPath is then unused. */
  postgresUrl?: string;
  /** HOURGLASS_PG_SCHEMA: the schema in that database (unset: the user's search_path). */
  postgresSchema?: string;
  token?: string;
  seed: boolean;
  manualClock: boolean;
  smtpUrl?: string;
  mailFrom: string;
  /** Whether to build the web app on start when it is not built (HOURGLASS_BUILD=none: never). */
  buildWeb: boolean;
  /** The built web app to serve (HOURGLASS_WEB_DIST); unset: apps/web/dist. */
  webDist?: string;
  /** Believe X-Forwarded-Proto/-Host/-For (HOURGLASS_TRUST_PROXY=1): only behind a reverse proxy that sets them. */
  trustProxy: boolean;
  /** The origin links in emails and pages point to (HOURGLASS_PUBLIC_URL); unset: http://localhost:PORT. */
  publicUrl?: string;
  /** The key of public tokens (HOURGLASS_SECRET); unset: generated once and kept in the database. */
  secret?: string;
}

/** The shortest HOURGLASS_TOKEN accepted: a short token can be guessed. */
export const MIN_TOKEN_LENGTH = 32;

export { ConfigError };

/**
 * Reads PORT, HOST, HOURGLASS_DB (a file, or postgres://…), HOURGLASS_PG_SCHEMA, HOURGLASS_TOKEN, HOURGLASS_SEED, HOURGLASS_CLOCK,
 * HOURGLASS_BUILD, HOURGLASS_WEB_DIST, HOURGLASS_TRUST_PROXY, HOURGLASS_PUBLIC_URL, HOURGLASS_SECRET, SMTP_URL and SMTP_FROM. A relative HOURGLASS_DB is taken from the directory `npm start` was run in
 * (npm's INIT_CWD), not from the workspace folder npm switches to.
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}".`);
  const base = env.INIT_CWD || cwd;
  const db = env.HOURGLASS_DB || './data/hourglass.db';
  if (env.HOURGLASS_CLOCK && env.HOURGLASS_CLOCK !== 'manual' && env.HOURGLASS_CLOCK !== 'system') {
    throw new ConfigError(`HOURGLASS_CLOCK must be "manual" or unset, not "${env.HOURGLASS_CLOCK}".`);
  }
  if (env.HOURGLASS_SEED && env.HOURGLASS_SEED !== 'none' && env.HOURGLASS_SEED !== 'workflows') {
    throw new ConfigError(`HOURGLASS_SEED must be "none" or unset, not "${env.HOURGLASS_SEED}".`);
  }
  if (env.HOURGLASS_BUILD && env.HOURGLASS_BUILD !== 'none' && env.HOURGLASS_BUILD !== 'auto') {
    throw new ConfigError(`HOURGLASS_BUILD must be "none" or unset, not "${env.HOURGLASS_BUILD}".`);
  }
  if (env.HOURGLASS_TOKEN && env.HOURGLASS_TOKEN.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `HOURGLASS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters long (it has ${env.HOURGLASS_TOKEN.length}): a short token can be guessed. Unset it to have one generated, or make one with: openssl rand -base64 32`,
    );
  }
  if (env.HOURGLASS_TRUST_PROXY && env.HOURGLASS_TRUST_PROXY !== '1' && env.HOURGLASS_TRUST_PROXY !== '0') {
    throw new ConfigError(
      `HOURGLASS_TRUST_PROXY must be "1" (behind a reverse proxy that sets X-Forwarded-Proto) or unset, not "${env.HOURGLASS_TRUST_PROXY}".`,
    );
  }
  const postgresUrl = isPostgresUrl(db) ? checkPostgresUrl(db) : undefined;
  if (env.HOURGLASS_PG_SCHEMA && !/^[a-z_][a-z0-9_]{0,62}$/.test(env.HOURGLASS_PG_SCHEMA))
    throw new ConfigError(`HOURGLASS_PG_SCHEMA must be a plain schema name (lower-case letters, digits, _), not "${env.HOURGLASS_PG_SCHEMA}".`);
  if (postgresUrl && !env.HOURGLASS_TOKEN)
    throw new ConfigError('With HOURGLASS_DB=postgres://… set HOURGLASS_TOKEN, the same on every worker (make one with: openssl rand -base64 32).');
  const publicUrl = env.HOURGLASS_PUBLIC_URL ? publicOrigin(env.HOURGLASS_PUBLIC_URL) : undefined;
  if (env.HOURGLASS_SECRET && env.HOURGLASS_SECRET.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `HOURGLASS_SECRET must be at least ${MIN_SECRET_LENGTH} characters long (it has ${env.HOURGLASS_SECRET.length}). Unset it to have one generated and kept in the database, or make one with: openssl rand -base64 32`,
    );
  }
  if (env.SMTP_URL && !/^smtps?:\/\//i.test(env.SMTP_URL)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://.');
  const fromError = env.SMTP_FROM ? senderError(env.SMTP_FROM) : null;
  if (fromError) throw new ConfigError(`SMTP_FROM must be one sender, like "Acme <news@acme.com>": ${fromError}`);
  return {
    port,
    ...(env.HOST ? { host: env.HOST } : {}),
    dbPath: postgresUrl ? resolve(base, './data/hourglass.db') : db === ':memory:' || isAbsolute(db) ? db : resolve(base, db),
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(postgresUrl && env.HOURGLASS_PG_SCHEMA ? { postgresSchema: env.HOURGLASS_PG_SCHEMA } : {}),
    ...(env.HOURGLASS_TOKEN ? { token: env.HOURGLASS_TOKEN } : {}),
    seed: env.HOURGLASS_SEED !== 'none',
    manualClock: env.HOURGLASS_CLOCK === 'manual',
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
    mailFrom: env.SMTP_FROM || 'Hourglass <hourglass@localhost>',
    buildWeb: env.HOURGLASS_BUILD !== 'none',
    ...(env.HOURGLASS_WEB_DIST ? { webDist: resolve(base, env.HOURGLASS_WEB_DIST) } : {}),
    trustProxy: env.HOURGLASS_TRUST_PROXY === '1',
    ...(publicUrl ? { publicUrl } : {}),
    ...(env.HOURGLASS_SECRET ? { secret: env.HOURGLASS_SECRET } : {}),
  };
}

/** HOURGLASS_PUBLIC_URL as an origin and optional path, without a trailing slash. */
function publicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`HOURGLASS_PUBLIC_URL must be an http(s) URL, like "https://mail.acme.com", not "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`HOURGLASS_PUBLIC_URL must start with http:// or https://, not "${value}".`);
  if (url.search || url.hash || url.username || url.password)
    throw new ConfigError(`HOURGLASS_PUBLIC_URL must be an origin (and path) without query, fragment or credentials, not "${value}".`);
  return url.href.replace(/\/+$/, '');
}
