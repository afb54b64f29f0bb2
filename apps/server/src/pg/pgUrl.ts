// HOURGLASS_DB as a PostgreSQL connection string: recognised, checked, and shown without its password.
import { ConfigError } from '../configError.ts';

/** Whether HOURGLASS_DB names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\//i.test(value);

/** Where a connection string points, for messages (never its password). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname || '/'}`;
}

/** Checks a postgres:// connection string; throws a ConfigError saying what is wrong. */
export function checkPostgresUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(
      `HOURGLASS_DB is not a valid connection string: expected postgres://user@host:5432/database, not "${url.replace(/:[^:@/]*@/, ':***@')}".`,
    );
  }
  if (!u.pathname || u.pathname === '/') throw new ConfigError(`HOURGLASS_DB must name a database, like postgres://user@host:5432/hourglass.`);
  return url;
}
