import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerConfig } from '../config.ts';
import { emailComposer } from '../emailComposer.ts';
import { smtpTransport } from '../smtpTransport.ts';
import { hashToken } from '../token.ts';
import { createPgApp } from './pgApp.ts';
import { pgMigrate } from './pgMigrate.ts';
import { PgOutbox } from './pgOutbox.ts';
import { PgSettings, pgPublicSecret } from './pgSettings.ts';
import { createPool, waitForPostgres } from './pgPool.ts';
import { PgWorker } from './pgWorker.ts';

export interface RunningPgServer {
  port: number;
  url: string;
  worker: PgWorker;
  close(): Promise<void>;
}

/**
 * Starts one Hourglass worker on PostgreSQL (HOURGLASS_DB=postgres://…): waits for the database
 * (one line and a retry with backoff while it is down; a wrong connection string stops it),
 * migrates it under an advisory lock, then works — inbox, timers and outbox, shared with every
 * other worker on the database — and serves the API on PORT. Run as many as wanted.
 */
export async function startPgServer(config: ServerConfig, log: (line: string) => void = console.log): Promise<RunningPgServer> {
  const url = config.postgresUrl!;
  const pool = createPool(url, { max: 8, ...(config.postgresSchema ? { schema: config.postgresSchema } : {}) });
  try {
    await waitForPostgres(pool, url, { log: (l) => console.error(l) });
    await pgMigrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const worker: PgWorker = new PgWorker({ pool, url, onCommit: () => kickOutbox() });
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

  const app = createPgApp({ pool, worker, outbox, tokenHash: hashToken(config.token!), now: () => Date.now() });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  publicUrl = config.publicUrl ?? `http://localhost:${port}`;
  log(
    `Hourglass worker ${worker.id} is running on http://localhost:${port}, on PostgreSQL${config.postgresSchema ? ` (schema ${config.postgresSchema})` : ''}.`,
  );
  return {
    port,
    url: `http://localhost:${port}`,
    worker,
    close: async () => {
      clearInterval(outboxTimer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await delivering;
      await pool.end();
    },
  };
}
