// http.*: events ingested over loopback HTTP by autocannon (this process) into the real server
// (its own process), on a temporary database with the whitepaper flow published: accepted
// durably (the value) and processed (the note).
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SERVER_TOKEN, startServerProcess } from '../test/serverProcess.ts';
import { whitepaper } from './engineBench.ts';
import { processCpuMs, type BenchContext, type Results } from './harness.ts';

function load(url: string, body: () => string, seconds: number, connections: number, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${SERVER_TOKEN}`, 'content-type': 'application/json', ...headers },
        requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export async function httpBench(ctx: BenchContext): Promise<Results> {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-http-'));
  const server = await startServerProcess({ HOURGLASS_DB: join(dir, 'http.db') });
  try {
    const { flow, scoring } = whitepaper();
    await server.call('PUT', '/api/scoring', scoring);
    await server.call('PUT', `/api/flows/${flow.id}`, flow);
    const published = await server.call('POST', `/api/flows/${flow.id}/publish`, { note: 'bench' });
    if (published.status !== 201) throw new Error(`publish answered ${published.status}`);
    const seconds = ctx.quick ? 2 : 20;
    let n = 0;
    // Every request is a new contact submitting the whitepaper form: it enters the flow.
    const event = () => ({ id: randomUUID(), contactId: `h${n++}`, type: 'form_submitted', data: { form: 'whitepaper' }, properties: { firstName: 'Ann' } });
    // Events are answered once durable in the inbox (Prefer: respond-async) and processed in
    // arrival order right after; how fast the inbox shrinks after the load is the processing rate
    // (measured over a few seconds, or until it is empty).
    const async = { prefer: 'respond-async' };
    const inbox = async () => ((await (await fetch(`${server.baseUrl}/api/health`)).json()) as { inbox: number }).inbox;
    const processing = async (windowMs: number) => {
      const start = performance.now();
      const before = await inbox();
      let left = before;
      while (left > 0 && performance.now() - start < windowMs) {
        await new Promise((r) => setTimeout(r, 100));
        left = await inbox();
      }
      return (before - left) / ((performance.now() - start) / 1000);
    };
    const settle = async () => {
      while ((await inbox()) > 0) await new Promise((r) => setTimeout(r, 100));
    };
    ctx.log(`http: single events for ${seconds} s`);
    const cpuBefore = processCpuMs(server.child.pid);
    const single = await load(`${server.baseUrl}/api/events`, () => JSON.stringify(event()), seconds, 32, async);
    const cpuAfter = processCpuMs(server.child.pid);
    const cpu =
      cpuBefore !== undefined && cpuAfter !== undefined ? `, server CPU ${Math.round(((cpuAfter - cpuBefore) * 1000) / single['2xx'])} µs an event` : '';
    ctx.log('http: measuring the processing of the backlog');
    const singleProcessed = await processing(ctx.quick ? 1000 : 3000);
    await settle();
    const batchSize = 500;
    ctx.log(`http: batches of ${batchSize} for ${seconds} s`);
    const batched = await load(`${server.baseUrl}/api/events`, () => JSON.stringify({ events: Array.from({ length: batchSize }, event) }), seconds, 8, async);
    ctx.log('http: measuring the processing of the backlog');
    const batchedProcessed = await processing(ctx.quick ? 1000 : 10_000);
    ctx.log(`http: backlogs processed at ${singleProcessed.toFixed(0)} and ${batchedProcessed.toFixed(0)} events/s`);
    const ok = (r: autocannon.Result) => r['2xx'];
    if (ok(single) === 0 || ok(batched) === 0) throw new Error(`the server refused the load (${single.non2xx} and ${batched.non2xx} errors)`);
    return {
      'http.singleEventsPerSec': {
        value: ok(single) / seconds,
        unit: 'events/s',
        note: `accepted; 32 connections, p99 ${single.latency.p99} ms, ${single.non2xx} errors${cpu}; the backlog processed at ${Math.round(singleProcessed)}/s`,
      },
      'http.batchedEventsPerSec': {
        value: (ok(batched) * batchSize) / seconds,
        unit: 'events/s',
        note: `accepted; batches of ${batchSize}, 8 connections, ${batched.non2xx} errors; the backlog processed at ${Math.round(batchedProcessed)}/s`,
      },
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
