// What `npm run sign-in-link [BASE_URL]` does (docs/server.md), apart from its process: prints a
// one-time sign-in link for the server that uses HOURGLASS_DB (its SQLite file, or with a
// postgres:// URL the database every worker shares). The link works once, for 15 minutes.
import { makePgSignInLink } from './pg/pgSignInLink.ts';
import { isPostgresUrl } from './pg/pgUrl.ts';
import { makeSignInLink } from './signInLink.ts';
import { SIGN_IN_CODE_MINUTES } from './signInCodes.ts';

/** What the command printed, and its exit code. */
export interface CommandOutcome {
  code: number;
  out: string;
  err: string;
}

/** Runs the command with its arguments (`[BASE_URL]`) and environment. */
export async function signInLinkCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandOutcome> {
  const base = args[0];
  if (base !== undefined && !/^https?:\/\/[^/]+/i.test(base)) {
    return { code: 2, out: '', err: `hourglass: the address must look like https://hourglass.example.com, not "${base}".` };
  }
  try {
    const { url } = isPostgresUrl(env.HOURGLASS_DB ?? '') ? await makePgSignInLink(env, base) : makeSignInLink(env, base);
    return { code: 0, out: `Sign in (works once, for ${SIGN_IN_CODE_MINUTES} minutes): ${url}`, err: '' };
  } catch (e) {
    return { code: 1, out: '', err: `hourglass: ${(e as Error).message}` };
  }
}
