// `npm run sign-in-link [BASE_URL]`: prints a one-time sign-in link for the server that uses
// HOURGLASS_DB (docs/server.md): its SQLite file, or with a postgres:// URL the database every
// worker shares. The link works once, for 15 minutes.
import { ConfigError } from './config.ts';
import { makePgSignInLink } from './pg/pgSignInLink.ts';
import { isPostgresUrl } from './pg/pgUrl.ts';
import { makeSignInLink } from './signInLink.ts';
import { SIGN_IN_CODE_MINUTES } from './signInCodes.ts';

const base = process.argv[2];
if (base !== undefined && !/^https?:\/\/[^/]+/i.test(base)) {
  console.error(`hourglass: the address must look like https://hourglass.example.com, not "${base}".`);
  process.exit(2);
}
try {
  const { url } = isPostgresUrl(process.env.HOURGLASS_DB ?? '') ? await makePgSignInLink(process.env, base) : makeSignInLink(process.env, base);
  console.log(`Sign in (works once, for ${SIGN_IN_CODE_MINUTES} minutes): ${url}`);
} catch (e) {
  console.error(`hourglass: ${e instanceof ConfigError ? e.message : (e as Error).message}`);
  process.exit(1);
}
