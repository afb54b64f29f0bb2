import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { ManualClock, systemClock, type Clock } from '../clock.ts';
import type { ServerConfig } from '../config.ts';
import { emailComposer } from '../emailComposer.ts';
import { createApp } from '../createApp.ts';
import { seedWorkspace } from '../seedWorkspace.ts';
import { smtpTransport } from '../smtpTransport.ts';
import { hashToken } from '../token.ts';
import { ensureWebBuilt } from '../webBuild.ts';
import { PgApiRuntime } from './pgApiRuntime.ts';
import { PgApiWorkspace } from './pgApiWorkspace.ts';
import { pgHealth } from './pgHealth.ts';
import { pgMigrate } from './pgMigrate.ts';
import { PgOutbox } from './pgOutbox.ts';
import { PgSettings, pgPublicSecret } from './pgSettings.ts';
import { createPool, waitForPostgres } from './pgPool.ts';
import { PgLockedChanges } from './pgLockedChanges.ts';
import { PgMigrationRunner } from './pgMigrationRunner.ts';
import { pgPreviewReads } from './pgPreviewReads.ts';
import { pollUntil } from './pollUntil.ts';
import { PgRepositories } from './pgRepositories.ts';
import { PgWorker } from './pgWorker.ts';

export interface RunningPgServer {
  port: number;
  url: string;
  worker: PgWorker;
  close(): Promise<void>;
}

export interface PgStartOptions {
  /** The repository root: `workflows/` and `apps/web` are found from here. */
  repoRoot?: string;
  log?: (line: string) => void;
}

const CLOCK_KEY = 'manual_clock';

/**
 * Starts one Hourglass worker on PostgreSQL (HOURGLASS_DB=postgres://…): waits for the database
 * (one line and a retry with backoff while it is down; a wrong connection string stops it),
 * migrates it under an advisory lock, then works — inbox, timers and outbox, shared with every
 * other worker on the database — and serves the API and the web app on PORT (the same app as on
 * SQLite, over the PostgreSQL repositories). Run as many as wanted.
 */
export async function startPgServer(config: ServerConfig, { repoRoot, log = console.log }: PgStartOptions = {}): Promise<RunningPgServer> {
  if (config.buildWeb && repoRoot) ensureWebBuilt(repoRoot, log);
  const url = config.postgresUrl!;
  const pool = createPool(url, { max: 8, ...(config.postgresSchema ? { schema: config.postgresSchema } : {}) });
  try {
    await waitForPostgres(pool, url, { log: (l) => console.error(l) });
    await pgMigrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const repos = new PgRepositories(pool);
  let manualClock: ManualClock | undefined;
  let clock: Clock = systemClock;
  if (config.manualClock) {
    // A test tool for one worker: kept in the database so it never moves backwards across a restart.
    const stored = await repos.settings.get(CLOCK_KEY);
    manualClock = new ManualClock(stored === undefined ? undefined : Number(stored), (now) => {
      repos.settings.set(CLOCK_KEY, String(now)).catch((e: Error) => log(`The manual clock could not be saved: ${e.message}`));
    });
    clock = manualClock;
  }
  const now = () => clock.now();
  const worker: PgWorker = new PgWorker({ pool, url, now, onCommit: () => kickOutbox() });
  const settings = new PgSettings();
  const secret = await pgPublicSecret(pool, config.secret);
  // Links in emails point to HOURGLASS_PUBLIC_URL, else to this worker once its port is known.
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const outbox = new PgOutbox({
    pool,
    workerId: worker.id,
    defaultFrom: config.mailFrom,
    composer: { settings, compose: emailComposer({ settings, secret, publicUrl: () => publicUrl }) },
    ...(config.smtpUrl ? { transport: smtpTransport(config.smtpUrl) } : {}),
  });
  // The outbox: after each commit, and every second for retries and rows other workers wrote.
  let delivering: Promise<void> | undefined;
  let again = false;
  let lastSweep = 0;
  function kickOutbox() {
    if (delivering) {
      again = true;
      return;
    }
    delivering = (async () => {
      if (Date.now() - lastSweep > 10_000) {
        lastSweep = Date.now();
        const interrupted = await outbox.failInterrupted();
        if (interrupted) log(`${interrupted} email(s) were being sent by a worker that stopped; they are marked failed and not sent again.`);
      }
      await outbox.deliver();
    })()
      .catch((e: Error) => log(`Outbox delivery failed: ${e.message}`))
      .finally(() => {
        delivering = undefined;
        if (again) {
          again = false;
          kickOutbox();
        }
      });
  }
  const outboxTimer = setInterval(kickOutbox, 1000);
  await worker.start();

  const changes = new PgLockedChanges(pool);
  const workspace = new PgApiWorkspace(pool, repos, clock, changes);
  const migrations = new PgMigrationRunner({
    pool,
    now,
    reads: pgPreviewReads(pool, { workspace, enrolments: repos.enrolments, migrations: repos.migrations }),
    migrations: repos.migrations,
    until: (busy) => pollUntil(busy, () => worker.kick()),
  });
  // Migrations a stopped worker left half queued are taken up by any worker, and finished once applied.
  let sweeping: Promise<void> | undefined;
  const sweepTimer = setInterval(() => {
    sweeping ??= migrations
      .sweep()
      .catch((e: Error) => log(`Migrations could not be taken up: ${e.message}`))
      .finally(() => (sweeping = undefined));
  }, 1000);
  const app = createApp({
    runtime: new PgApiRuntime({ pool, worker, clock, handoffs: repos.handoffs, repos, changes, scoreOf: (id) => workspace.scoreOf(id), migrations }),
    workspace,
    repos,
    health: pgHealth({ pool, worker, outbox, now }),
    drainOutbox: async () => void (await outbox.deliver()),
    tokenHash: hashToken(config.token!),
    trustProxy: config.trustProxy,
    publicUrl: () => publicUrl,
    publicSecret: secret,
    ...(repoRoot ? { templatesDir: join(repoRoot, 'workflows') } : {}),
    ...(config.webDist || repoRoot ? { webDist: config.webDist ?? join(repoRoot!, 'apps/web/dist') } : {}),
    ...(manualClock ? { manualClock } : {}),
  });
  // The worker that creates the workspace (one, however many start together) seeds it, as on SQLite.
  if (config.seed && repoRoot) {
    const { rows } = await pool.query("INSERT INTO settings (key, value) VALUES ('workspace_created_at', $1) ON CONFLICT (key) DO NOTHING RETURNING key", [
      new Date().toISOString(),
    ]);
    if (rows.length) {
      const seeded = await seedWorkspace(workspace, join(repoRoot, 'workflows'));
      if (seeded.drafts.length || seeded.scoring) {
        log(`Seeded ${seeded.drafts.length} draft flow(s) from workflows/ (none published)${seeded.scoring ? ' and the scoring model' : ''}.`);
      }
    }
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  publicUrl = config.publicUrl ?? `http://localhost:${port}`;
  log(
    `Hourglass worker ${worker.id} is running on http://localhost:${port}, on PostgreSQL${config.postgresSchema ? ` (schema ${config.postgresSchema})` : ''}.`,
  );
  log(`Sign in: open http://localhost:${port}/?token=… with your HOURGLASS_TOKEN (the same on every worker).`);
  return {
    port,
    url: `http://localhost:${port}`,
    worker,
    close: async () => {
      clearInterval(outboxTimer);
      clearInterval(sweepTimer);
      await sweeping;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await delivering;
      await pool.end();
    },
  };
}
