// http.trackedRedirectsPerSec: clicks on tracked links of sent emails, over loopback HTTP by
// autocannon (this process) into the real server (its own process): each answered 302 once
// its email_clicked event is durable in the inbox. email.smtpDeliveredPerSec: marketing emails
// built (Markdown, layout, signed links) and handed to a local SMTP sink through the pooled
// nodemailer transport.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { FLOW_FORMAT } from '@hourglass/documents';
import { smtpTransport } from '../apps/server/src/smtpTransport.ts';
import { createTestApp, publishFlow } from '../apps/server/src/testApp.ts';
import { startServerProcess } from '../test/serverProcess.ts';
import { startSmtpCapture } from '../test/smtpCapture.ts';
import { processCpuMs, type BenchContext, type Results } from './harness.ts';

const REDIRECT_TARGET = 5000;
const SMTP_TARGET = 500;

/** A welcome email with three links, then a wait for a click. */
const clickFlow = {
  format: FLOW_FORMAT,
  id: 'clicks',
  name: 'Clicks',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
    {
      id: 'hello',
      type: 'sendEmail',
      config: {
        subject: 'Welcome, {{ contact.firstName }}',
        body: '# Hello {{ contact.firstName }}\n\nRead [the guide](https://acme.test/guide), see [pricing](https://acme.test/pricing) or [book a demo](https://acme.test/demo?utm_source=email).\n\nThanks,\nthe Acme team',
      },
    },
    { id: 'clicked', type: 'waitFor', config: { until: { event: { type: 'email_clicked' } }, timeout: 'P7D' } },
    { id: 'tag', type: 'update', config: { addScore: 5 } },
  ],
  edges: [
    { from: 'start', to: 'hello' },
    { from: 'hello', to: 'clicked' },
    { from: 'clicked', port: 'met', to: 'tag' },
  ],
};

async function trackedRedirects(ctx: BenchContext): Promise<Results> {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-clicks-'));
  const server = await startServerProcess({ HOURGLASS_DB: join(dir, 'clicks.db') });
  try {
    await server.call('PUT', '/api/flows/clicks', clickFlow);
    await server.call('POST', '/api/flows/clicks/publish', {});
    const contacts = 200;
    for (let i = 0; i < contacts; i++) await server.call('PUT', `/api/contacts/k${i}`, { email: `k${i}@example.com`, properties: { firstName: `K${i}` } });
    await server.call('POST', '/api/events', {
      events: Array.from({ length: contacts }, (_, i) => ({ id: randomUUID(), contactId: `k${i}`, type: 'signup' })),
    });
    // The local mailbox: emails are marked sent (with their HTML) right after the commit.
    let emails: { html: string | null }[] = [];
    for (let i = 0; i < 100; i++) {
      emails = (await server.call('GET', '/api/outbox?kind=marketing&limit=1000')).body.emails;
      if (emails.length === contacts && emails.every((m) => m.html)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const links = emails.flatMap((m) => [...(m.html ?? '').matchAll(/href="(http:\/\/[^"]+\/t\/[^"]+)"/g)].map((x) => new URL(x[1]!).pathname));
    if (links.length < contacts) throw new Error(`expected tracked links in ${contacts} emails, found ${links.length}`);
    const seconds = ctx.quick ? 2 : 15;
    let n = 0;
    ctx.log(`email: clicks on ${links.length} tracked links for ${seconds} s`);
    const cpuBefore = processCpuMs(server.child.pid);
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: server.baseUrl,
          method: 'GET',
          connections: 16,
          duration: seconds,
          requests: [{ setupRequest: (req) => ({ ...req, path: links[n++ % links.length]! }) }],
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      );
    });
    const redirects = result['3xx'];
    const cpuAfter = processCpuMs(server.child.pid);
    const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? `, server CPU ${Math.round(((cpuAfter - cpuBefore) * 1000) / redirects)} µs a click` : '';
    if (redirects === 0) throw new Error(`no click was redirected (${result.non2xx} other answers)`);
    return {
      'http.trackedRedirectsPerSec': {
        value: redirects / seconds,
        unit: 'redirects/s',
        target: `≥ ${REDIRECT_TARGET.toLocaleString('en')}, p99 < 20 ms`,
        note: `16 connections, p99 ${result.latency.p99} ms, ${result.non2xx - redirects} errors${cpu}; each click an email_clicked event accepted durably`,
      },
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function smtpDelivered(ctx: BenchContext): Promise<Results> {
  const smtp = await startSmtpCapture();
  const t = createTestApp({ manualClock: true, transport: smtpTransport(smtp.url) });
  try {
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, clickFlow);
    const count = ctx.quick ? 1000 : 5000;
    const warmUp = 200;
    t.runtime.writeContacts(
      Array.from({ length: count + warmUp }, (_, i) => i),
      (i) => ({
        write: { create: { id: `s${i}`, email: `s${i}@example.com`, stage: 'subscriber', owner: null, properties: { firstName: `S${i}` }, adjustments: 0 } },
        answer: i,
      }),
    );
    const signups = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: randomUUID(), contactId: `s${from + i}`, type: 'signup' }));
    // A first round warms the code and opens the pool's connections: the steady rate is measured.
    const ingest = (events: ReturnType<typeof signups>) => {
      t.runtime.accept([events]);
      while (t.runtime.processInbox(1000) > 0);
    };
    ingest(signups(count, warmUp));
    await t.delivery.drain();
    // Writing the emails is the runtime's benchmark: delivery is timed from the commit on.
    ingest(signups(0, count));
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await t.delivery.drain();
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (smtp.mails.length !== count + warmUp) throw new Error(`the SMTP sink received ${smtp.mails.length} of ${count + warmUp} emails`);
    ctx.log(`email: ${count} emails handed to the SMTP sink in ${seconds.toFixed(2)} s`);
    return {
      'email.smtpDeliveredPerSec': {
        value: count / seconds,
        unit: 'emails/s',
        target: `≥ ${SMTP_TARGET}`,
        note: `${count} marketing emails: Markdown, layout, signed links, multipart/alternative, batches of 32 over 8 pooled connections to a local smtp-server (in this process); CPU ${Math.round((cpu.user + cpu.system) / count)} µs an email, sender and sink`,
      },
    };
  } finally {
    await t.close();
    await smtp.close();
  }
}

export async function emailBench(ctx: BenchContext): Promise<Results> {
  return { ...(await trackedRedirects(ctx)), ...(await smtpDelivered(ctx)) };
}
