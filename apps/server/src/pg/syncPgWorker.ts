// The worker thread behind SyncPg: runs statements on its own connections for a caller that
// waits synchronously (synckit). Only tests and tools use it; workers use `pg` directly.
import pg from 'pg';
import { runAsWorker } from 'synckit';
import { pgTypes } from './pgTypes.ts';
import type { Query, Row } from './pgReads.ts';

export type SyncPgCall =
  { op: 'open'; key: string; url: string; schema?: string } | { op: 'run'; key: string; queries: Query[] } | { op: 'close'; key: string };

const clients = new Map<string, pg.Client>();

runAsWorker(async (call: SyncPgCall): Promise<Row[][]> => {
  switch (call.op) {
    case 'open': {
      const client = new pg.Client({ connectionString: call.url, types: pgTypes, ...(call.schema ? { options: `-c search_path=${call.schema}` } : {}) });
      client.on('error', () => {});
      await client.connect();
      clients.set(call.key, client);
      return [];
    }
    case 'run': {
      const client = clients.get(call.key);
      if (!client) throw new Error(`No connection ${call.key}`);
      const results: Row[][] = [];
      for (const q of call.queries) results.push((await client.query(q.text, q.values)).rows as Row[]);
      return results;
    }
    case 'close':
      await clients.get(call.key)?.end();
      clients.delete(call.key);
      return [];
  }
});
