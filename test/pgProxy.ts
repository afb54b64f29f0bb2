// For the fault tests: a TCP proxy in front of the test PostgreSQL that can go down and come back
// as a restarted database server does (every connection closed, new ones refused meanwhile),
// without touching the database server other tests share.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './serverProcess.ts';

export interface PgProxy {
  /** The connection string through the proxy (the target's, with the proxy's port). */
  url: string;
  /** Starts accepting connections (again). */
  up(): Promise<void>;
  /** Closes every connection and refuses new ones, as a database server that stopped. */
  down(): Promise<void>;
  close(): Promise<void>;
}

export async function pgProxy(targetUrl: string, { startDown = false } = {}): Promise<PgProxy> {
  const target = new URL(targetUrl);
  const port = await freePort();
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const up = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const down = async () => {
    const closing = server && new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    for (const s of sockets) s.destroy();
    await closing;
  };
  if (!startDown) await up();
  return { url: url.toString(), up, down, close: down };
}
