/**
 * The Hourglass runtime server: the Hono app, the SQLite store of the engine, the scheduler and
 * the outbox. The API's request and answer schemas are in @hourglass/api.
 * @packageDocumentation
 */
export * from '@hourglass/api';
export * from './createApp.ts';
export * from './clock.ts';
export * from './config.ts';
export * from './runtime.ts';
export * from './sqliteStore.ts';
export * from './startServer.ts';
export { openDatabase } from './db/openDatabase.ts';
