import type { Health } from '@hourglass/api';
import type { ManualClock } from './clock.ts';
import { publicSecret } from './publicToken.ts';
import type { Runtime } from './runtime.ts';
import type { SimulationPoolOptions } from './simulationPool.ts';
import type { ApiRepositories, ApiRuntime, ApiWorkspace } from './storeApi.ts';

/**
 * What the HTTP app needs: tests build these around a temporary database. A route changes state
 * only through `runtime` (a contact's inputs) or `workspace` (documents and settings), and reads
 * through `repos` (`appDepsOf` takes all three from one runtime). They are the store-neutral
 * interfaces of storeApi.ts, served by SQLite and by PostgreSQL alike.
 */
export interface AppDeps {
  runtime: ApiRuntime;
  workspace: ApiWorkspace;
  repos: ApiRepositories;
  /** GET /api/health's answer: the inbox and overdue timers, and on PostgreSQL the workers. */
  health: () => Promise<Health>;
  /** SHA-256 of the API token. */
  tokenHash: Buffer;
  /** Present only with HOURGLASS_CLOCK=manual: enables POST /api/admin/clock. */
  manualClock?: ManualClock;
  /** Waits until every email written so far has left the outbox (the clock route waits for it). */
  drainOutbox?: () => Promise<void>;
  /** The folder of template flows (`workflows/`). */
  templatesDir?: string;
  /** The built web app (`apps/web/dist`); a placeholder page is served when it is missing. */
  webDist?: string;
  /** The largest request body accepted, in bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Bounds of `POST /api/simulate` other than the defaults (tests shorten the time limit). */
  simulation?: Partial<SimulationPoolOptions>;
  /** Believe X-Forwarded-Proto/-Host/-For from a reverse proxy (HOURGLASS_TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** The key of public tokens: HOURGLASS_SECRET, else the one kept in the settings table (on PostgreSQL every worker's, see pgPublicSecret). */
  publicSecret: Buffer;
  /** HOURGLASS_PUBLIC_URL (or this server's address): where confirmation links point; unset: the request's origin. */
  publicUrl?: () => string;
  /** Wall-clock milliseconds for sessions, sign-in codes and the wrong-token limiter (tests replace it). */
  wallClock?: () => number;
}

/**
 * The runtime with its workspace and repositories, as the app's deps take them; `secret` is the
 * key of public links (read, or made once, from the settings table when not given).
 */
export function appDepsOf(
  runtime: Runtime,
  secret: Buffer = publicSecret(runtime.repos.settings),
): Pick<AppDeps, 'runtime' | 'workspace' | 'repos' | 'publicSecret' | 'health'> {
  const parts = { runtime, workspace: runtime.workspace, repos: runtime.repos };
  const health = async (): Promise<Health> => {
    const inbox = runtime.inboxSize();
    const overdueTimers = runtime.repos.enrolments.overdueCount(runtime.clock.now());
    return { ok: true, inbox, overdueTimers, catchingUp: inbox > 0 || overdueTimers > 0 };
  };
  return { ...parts, publicSecret: secret, health };
}
