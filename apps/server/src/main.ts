// `npm start`: reads the settings from the environment and starts Hourglass (docs/server.md).
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig } from './config.ts';
import { startServer } from './startServer.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

try {
  const config = readConfig(process.env);
  // HOURGLASS_DB=postgres://…: one of several workers on PostgreSQL (docs/scale-out.md).
  // Loaded only then, so a SQLite start does not load the PostgreSQL client.
  const server = config.postgresUrl
    ? await (await import('./pg/startPgServer.ts')).startPgServer(config, { repoRoot })
    : await startServer(config, { repoRoot });
  const stop = (signal: string) => {
    console.log(`${signal}: stopping…`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (e) {
  const message =
    e instanceof ConfigError
      ? e.message
      : (e as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `Port ${process.env.PORT ?? 8080} is in use: set PORT to another port.`
        : (e as Error).message;
  console.error(`hourglass: ${message}`);
  process.exit(1);
}
