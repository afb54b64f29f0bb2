// contacts.*: a CSV file of contacts imported over loopback HTTP into the real server (its own
// process) on a temporary database with the whitepaper flow published, while a second client
// asks /api/health every few milliseconds: how long the import takes, and how long the other
// requests waited meanwhile (the import yields between slices of one transaction each). Then,
// when the local PostgreSQL answers, the same import into a PostgreSQL worker process
// (postgres.importRowsPerSec), where each slice's rows are commands the worker applies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { SERVER_TOKEN, startServerProcess, type ServerProcess } from '../test/serverProcess.ts';
import { whitepaper } from './engineBench.ts';
import type { BenchContext, Results } from './harness.ts';

const TARGET = 20_000;

/** A contact list as a CRM exports it: email, stage, owner, opt-out and a few properties. */
function contactsCsv(rows: number, plan: string): string {
  const lines = ['email,stage,owner,firstName,company,employees,country,plan,unsubscribed'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `person${i}@example${i % 97}.com,${i % 3 ? 'subscriber' : 'lead'},${i % 5 ? '' : 'sam@example.com'},Name${i},"Company ${i % 1000}, Inc.",${(i * 7) % 5000},AT,${plan},${i % 50 ? 'no' : 'yes'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The whitepaper flow and its scoring, published on the server. */
async function publishWhitepaper(server: ServerProcess) {
  const { flow, scoring } = whitepaper();
  await server.call('PUT', '/api/scoring', scoring);
  await server.call('PUT', `/api/flows/${flow.id}`, flow);
  if ((await server.call('POST', `/api/flows/${flow.id}/publish`, { note: 'bench' })).status !== 201) throw new Error('could not publish');
}

/** Imports a file over HTTP while a second client asks /api/health every 5 ms. */
async function importFile(server: ServerProcess, body: string) {
  let importing = true;
  const waits: number[] = [];
  const probe = (async () => {
    while (importing) {
      const start = performance.now();
      await fetch(`${server.baseUrl}/api/health`);
      waits.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const start = performance.now();
  const response = await fetch(`${server.baseUrl}/api/contacts/import`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${SERVER_TOKEN}`, 'content-type': 'text/csv' },
  });
  const answer = (await response.json()) as { created: number; updated: number; unchanged: number; failed: unknown[] };
  const seconds = (performance.now() - start) / 1000;
  importing = false;
  await probe;
  if (response.status !== 200) throw new Error(`import answered ${response.status}: ${JSON.stringify(answer)}`);
  waits.sort((a, b) => a - b);
  return { answer, seconds, bytes: Buffer.byteLength(body), maxWaitMs: waits.at(-1) ?? 0, probes: waits.length };
}

export async function contactsBench(ctx: BenchContext): Promise<Results> {
  const rows = Number(process.env.BENCH_IMPORT_ROWS) || 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-contacts-'));
  const server = await startServerProcess({ HOURGLASS_DB: join(dir, 'contacts.db') });
  const results: Results = {};
  try {
    await publishWhitepaper(server);
    ctx.log(`contacts: importing ${rows} new contacts`);
    const created = await importFile(server, contactsCsv(rows, 'free'));
    if (created.answer.created !== rows) throw new Error(`created ${created.answer.created} of ${rows}`);
    results['contacts.csvImportRowsPerSec'] = {
      value: rows / created.seconds,
      unit: 'rows/s',
      baseline: TARGET,
      ratio: rows / created.seconds / TARGET,
      note: `target ≥ ${TARGET.toLocaleString('en')}: ${rows.toLocaleString('en')} new contacts (${(created.bytes / 2 ** 20).toFixed(1)} MiB) in ${created.seconds.toFixed(1)} s over HTTP; /api/health answered ${created.probes}× meanwhile, slowest ${created.maxWaitMs.toFixed(0)} ms`,
    };
    if (!ctx.quick) {
      // The same contacts again with a changed property: every row an update, an input to the flows.
      ctx.log(`contacts: updating ${rows} contacts`);
      const updated = await importFile(server, contactsCsv(rows, 'pro'));
      if (updated.answer.updated !== rows) throw new Error(`updated ${updated.answer.updated} of ${rows}`);
      results['contacts.csvUpdateRowsPerSec'] = {
        value: rows / updated.seconds,
        unit: 'rows/s',
        note: `${rows.toLocaleString('en')} existing contacts changed in ${updated.seconds.toFixed(1)} s; /api/health slowest ${updated.maxWaitMs.toFixed(0)} ms`,
      };
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...results, ...(await postgresImport(ctx, rows, results['contacts.csvImportRowsPerSec']!.value)) };
}

/** The same new contacts imported into one PostgreSQL worker process (a tenth of them in a quick run), beside SQLite's rate. */
async function postgresImport(ctx: BenchContext, allRows: number, sqliteRate: number): Promise<Results> {
  const rows = Number(process.env.BENCH_PG_IMPORT_ROWS) || (ctx.quick ? Math.ceil(allRows / 10) : allRows);
  let schema: TestSchema;
  try {
    schema = await createTestSchema();
  } catch (e) {
    ctx.log(`contacts: PostgreSQL skipped: ${(e as Error).message}`);
    return {};
  }
  try {
    const server = await startServerProcess({ HOURGLASS_DB: schema.url, HOURGLASS_PG_SCHEMA: schema.schema });
    try {
      await publishWhitepaper(server);
      ctx.log(`contacts: importing ${rows} new contacts on PostgreSQL`);
      const created = await importFile(server, contactsCsv(rows, 'free'));
      if (created.answer.created !== rows) throw new Error(`created ${created.answer.created} of ${rows} on PostgreSQL`);
      return {
        'postgres.importRowsPerSec': {
          value: rows / created.seconds,
          unit: 'rows/s',
          baseline: sqliteRate,
          ratio: rows / created.seconds / sqliteRate,
          note: `baseline: SQLite's import above; 1 worker process: ${rows.toLocaleString('en')} new contacts in ${created.seconds.toFixed(1)} s over HTTP; /api/health slowest ${created.maxWaitMs.toFixed(0)} ms`,
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await schema.drop();
  }
}
