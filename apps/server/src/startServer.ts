import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Database } from 'better-sqlite3';
import { ManualClock, systemClock, type Clock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { appDepsOf } from './appDeps.ts';
import { createApp } from './createApp.ts';
import { damagedDatabase } from './db/databaseDamage.ts';
import { emailComposer } from './emailComposer.ts';
import { lockDatabase } from './db/databaseLock.ts';
import { openDatabase } from './db/openDatabase.ts';
import { OutboxDelivery } from './outboxDelivery.ts';
import { publicSecret } from './publicToken.ts';
import { Runtime } from './runtime.ts';
import { Scheduler } from './scheduler.ts';
import { seedWorkspace } from './seedWorkspace.ts';
import { SettingsRepository } from './settingsRepository.ts';
import { smtpTransport } from './smtpTransport.ts';
import { setUpToken } from './token.ts';
import { ensureWebBuilt } from './webBuild.ts';

/** A server started by `startServer`. */
export interface RunningServer {
  port: number;
  url: string;
  runtime: Runtime;
  /** Stops taking requests, finishes the email in flight and closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** The repository root: `workflows/` and `apps/web` are found from here. */
  repoRoot: string;
  log?: (message: string) => void;
}

const CREATED_KEY = 'workspace_created_at';
const CLOCK_KEY = 'manual_clock';
const TIMER_SLICE = 500;

/**
 * Starts Hourglass: builds the web app if needed, opens or creates the database, seeds a new
 * workspace from `workflows/`, serves the API and the web app, and runs the timer scheduler
 * and the outbox delivery loop. Prints the URL and, on the start that generated the token, the sign-in link.
 */
export async function startServer(config: ServerConfig, options: StartOptions): Promise<RunningServer> {
  if (config.buildWeb) ensureWebBuilt(options.repoRoot, options.log ?? console.log);
  // One server per database file, for the process's life (see lockDatabase).
  const unlock = lockDatabase(config.dbPath);
  let db: Database | undefined;
  try {
    db = openDatabase(config.dbPath);
    return await startOn(db, unlock, config, options);
  } catch (e) {
    // A damaged file is reported as such, with what to do, instead of the error it caused.
    const damaged = damagedDatabase(e, config.dbPath, db);
    if (db?.open) db.close();
    unlock();
    throw damaged ?? e;
  }
}

async function startOn(db: Database, unlock: () => void, config: ServerConfig, { repoRoot, log = console.log }: StartOptions): Promise<RunningServer> {
  const settings = new SettingsRepository(db);
  const firstStart = settings.get(CREATED_KEY) === undefined;

  let manualClock: ManualClock | undefined;
  let clock: Clock = systemClock;
  if (config.manualClock) {
    // The manual clock is kept in the database so it never moves backwards across a restart.
    const stored = settings.get(CLOCK_KEY);
    manualClock = new ManualClock(stored === undefined ? undefined : Number(stored), (now) => settings.set(CLOCK_KEY, String(now)));
    clock = manualClock;
  }

  let scheduler: Scheduler | undefined;
  let delivery: OutboxDelivery | undefined;
  const runtime = new Runtime({
    db,
    clock,
    onCommit: () => {
      scheduler?.poke();
      delivery?.kick();
    },
  });
  const token = setUpToken(settings, config.token);
  const secret = publicSecret(settings, config.secret);
  // Links in emails point to HOURGLASS_PUBLIC_URL, else to this server once its port is known.
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  delivery = new OutboxDelivery({
    outbox: runtime.repos.outbox,
    clock,
    defaultFrom: config.mailFrom,
    compose: emailComposer({ settings, secret, publicUrl: () => publicUrl }),
    ...(config.smtpUrl ? { transport: smtpTransport(config.smtpUrl) } : {}),
  });
  const interrupted = delivery.recoverInterrupted();
  if (interrupted) log(`${interrupted} email(s) were being sent when the server stopped; they are marked failed and not sent again (see the outbox).`);

  const templatesDir = join(repoRoot, 'workflows');
  if (firstStart) {
    if (config.seed) {
      const seeded = await seedWorkspace(runtime.workspace, templatesDir);
      if (seeded.drafts.length || seeded.scoring) {
        log(`Seeded ${seeded.drafts.length} draft flow(s) from workflows/ (none published)${seeded.scoring ? ' and the scoring model' : ''}.`);
      }
    }
    settings.set(CREATED_KEY, new Date().toISOString());
  }

  const app = createApp({
    ...appDepsOf(runtime, secret),
    tokenHash: token.hash,
    templatesDir,
    webDist: config.webDist ?? join(repoRoot, 'apps/web/dist'),
    drainOutbox: () => delivery!.drain(),
    trustProxy: config.trustProxy,
    publicUrl: () => publicUrl,
    ...(manualClock ? { manualClock } : {}),
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  publicUrl = config.publicUrl ?? `http://localhost:${port}`;

  // Events a crash left accepted but not processed go through before anything new, in slices
  // once the server answers (GET /api/health shows how many are left).
  const leftover = runtime.inboxSize();
  if (leftover)
    runtime.catchUp({
      done: () => log(`Caught up: the ${leftover} event${leftover === 1 ? '' : 's'} accepted before the last stop are processed.`),
      failed: (e: unknown) =>
        log(`Processing the events accepted before the last stop failed: ${(damagedDatabase(e, config.dbPath, db) ?? (e as Error)).message}`),
    });
  if (leftover) log(`Processing ${leftover} event${leftover === 1 ? '' : 's'} accepted before the last stop.`);
  // Migrations a stop interrupted go on after the last slice they committed, in line after the leftovers.
  const migrating = runtime.repos.migrations.running().length;
  if (migrating) log(`Resuming ${migrating} migration${migrating === 1 ? '' : 's'} of contacts between versions.`);
  runtime.migrations.resume();

  if (!manualClock) {
    // Slices of timers: an overdue one left over makes the scheduler come back at once, after
    // the requests that arrived in between.
    scheduler = new Scheduler({ clock, nextAt: () => runtime.nextTimerAt(), fireDue: () => runtime.fireDueTimers(clock.now(), TIMER_SLICE) });
    scheduler.start();
  }
  delivery.kick();

  const url = `http://localhost:${port}`;
  log(`Hourglass is running on ${url}${manualClock ? ' (manual clock: POST /api/admin/clock moves it)' : ''}`);
  // The token is printed once, when generated; later a one-time link is made on demand.
  if (token.generated && token.token) {
    log(`Sign in: ${url}/?token=${encodeURIComponent(token.token)}`);
    log('This token was generated now and is stored hashed: it is not shown again. It is also the API token (Authorization: Bearer …).');
  }
  log(`For a one-time sign-in link, run: npm run sign-in-link${token.generated ? '' : ' (or open /?token=… with your token)'}`);

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    runtime,
    close: () =>
      (closing ??= (async () => {
        scheduler?.stop();
        runtime.stopInputs();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Browsers keep connections open; idle ones would hold the close up.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await delivery!.stop();
        db.close();
        unlock();
      })()),
  };
}
