import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT, SCORING_FORMAT } from '@hourglass/documents';
import { createTestApp, publishFlow, type TestApp } from '../testApp.ts';
import type { MailTransport } from '../smtpTransport.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** signup → handoff (rule 1: Austria; rule 2: 100+ employees; else the fallback) → exit. */
const handoffFlow = {
  format: FLOW_FORMAT,
  id: 'to-sales',
  name: 'To sales',
  settings: {},
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
    {
      id: 'sales',
      type: 'handoff',
      config: {
        routing: [
          { if: { property: { name: 'country', eq: 'AT' } }, owner: 'at@example.com' },
          { if: { property: { name: 'employees', gte: 100 } }, owner: 'big@example.com' },
        ],
        fallback: 'desk@example.com',
        notify: false,
      },
    },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'sales' },
    { from: 'sales', to: 'done' },
  ],
};

/** Scores: 100+ employees 30, each signup 10, a complaint −20. */
const scoring = {
  format: SCORING_FORMAT,
  fit: [{ if: { property: { name: 'employees', gte: 100 } }, points: 30 }],
  behaviour: [
    { event: 'signup', points: 10 },
    { event: 'complained', points: -20 },
  ],
};

let eventId = 0;
const send = (contactId: string, type: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', '/api/events', { id: `ev-${++eventId}`, contactId, type, ...extra });

/**
 * Hand-counted handoffs. Day 1: h1 (AT, 150 employees: rule 1, score 40), h2 (AT: rule 1, 10),
 * h3 (150 employees: rule 2, 40), h4 (nothing: fallback, 10), h5 (owned already: owner, 10),
 * h6 (a complaint first: fallback, −10). Day 2: h7 (AT: rule 1, 10).
 * Sales accepts h1 and h3 and rejects h2, h4 and h6; h5 and h7 wait for a verdict.
 */
async function handoffs() {
  t = createTestApp({ manualClock: true });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T10:00:00Z' });
  expect((await t.call('PUT', '/api/scoring', scoring)).status).toBe(200);
  await publishFlow(t, handoffFlow);
  await t.call('PUT', '/api/contacts/h5', { owner: 'own@example.com' });
  await send('h6', 'complained');
  const properties: Record<string, Record<string, unknown>> = {
    h1: { country: 'AT', employees: 150 },
    h2: { country: 'AT' },
    h3: { employees: 150 },
    h4: {},
    h5: {},
    h6: {},
  };
  for (const [c, p] of Object.entries(properties)) await send(c, 'signup', { properties: p });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-03T09:00:00Z' });
  await send('h7', 'signup', { properties: { country: 'AT' } });
  const list = (await t.call('GET', '/api/handoffs')).body.handoffs as { id: string; contactId: string }[];
  const verdict = (c: string, v: string) => t.call('POST', `/api/handoffs/${list.find((h) => h.contactId === c)!.id}/feedback`, { verdict: v });
  for (const c of ['h1', 'h3']) expect((await verdict(c, 'accepted')).status).toBe(200);
  for (const c of ['h2', 'h4', 'h6']) expect((await verdict(c, 'rejected')).status).toBe(200);
}

const v = (handedOff: number, accepted: number, rejected: number, open: number) => ({ handedOff, accepted, rejected, open });

describe("handoffs and sales' verdicts in the report", () => {
  it('counts handoffs per routing rule and per score band with their verdicts, from a hand-counted data set', async () => {
    await handoffs();
    const r = (await t.call('GET', '/api/flows/to-sales/report')).body;
    expect(r.handoffs.sales).toEqual({
      total: v(7, 2, 3, 2),
      routes: [
        { route: 'owner', ...v(1, 0, 0, 1) },
        { route: 'rule-1', ...v(3, 1, 1, 1) },
        { route: 'rule-2', ...v(1, 1, 0, 0) },
        { route: 'fallback', ...v(2, 0, 2, 0) },
      ],
      bands: [
        { min: -10, max: -1, ...v(1, 0, 1, 0) },
        { min: 10, max: 19, ...v(4, 0, 2, 2) },
        { min: 40, max: 49, ...v(2, 2, 0, 0) },
      ],
    });
  });

  it('keeps the handoff counters equal to a recount of the handoffs and their verdicts', async () => {
    await handoffs();
    const recount = t.db
      .prepare(
        `SELECT kind, port, sum(n) AS count FROM (
           SELECT 'handoff_' || status AS kind, json_extract(record, '$.route') AS port, 1 AS n FROM handoffs
           UNION ALL SELECT 'band_' || status, CAST(json_extract(record, '$.score.score') AS INTEGER), 1 FROM handoffs)
         GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { kind: string; port: string | number; count: number }[];
    const counters = t.db
      .prepare(
        `SELECT kind, port, sum(count) AS count FROM report_counts WHERE kind LIKE 'handoff_%' OR kind LIKE 'band_%' GROUP BY 1, 2 HAVING sum(count) <> 0 ORDER BY 1, 2`,
      )
      .all();
    // The recount has raw scores; the counters bands of ten.
    const banded = new Map<string, { kind: string; port: string; count: number }>();
    for (const r of recount) {
      const port = r.kind.startsWith('band_') ? String(Math.floor(Number(r.port) / 10) * 10) : String(r.port);
      const key = `${r.kind}\0${port}`;
      const b = banded.get(key);
      if (b) b.count += r.count;
      else banded.set(key, { kind: r.kind, port, count: r.count });
    }
    expect(counters).toEqual([...banded.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.port.localeCompare(b.port)));
  });

  it('selects handoffs by the day their contact entered the flow', async () => {
    await handoffs();
    const day2 = (await t.call('GET', '/api/flows/to-sales/report?from=2026-03-03')).body;
    expect(day2.handoffs.sales).toEqual({
      total: v(1, 0, 0, 1),
      routes: [{ route: 'rule-1', ...v(1, 0, 0, 1) }],
      bands: [{ min: 10, max: 19, ...v(1, 0, 0, 1) }],
    });
    const day1 = (await t.call('GET', '/api/flows/to-sales/report?to=2026-03-03')).body;
    expect(day1.handoffs.sales.total).toEqual(v(6, 2, 3, 1));
  });

  it('names every handoff node, also one nobody reached', async () => {
    await handoffs();
    const r = (await t.call('GET', '/api/flows/to-sales/report?to=2026-03-01')).body;
    expect(r.handoffs).toEqual({ sales: { total: v(0, 0, 0, 0), routes: [], bands: [] } });
  });

  it('gives the scoring page the verdicts of every flow by score band', async () => {
    await handoffs();
    // A second flow hands off too: its handoffs add up with the first one's.
    const second = {
      ...handoffFlow,
      id: 'to-sales-2',
      nodes: handoffFlow.nodes.map((n) => (n.type === 'trigger' ? { ...n, config: { on: 'event', event: 'demo' } } : n)),
    };
    await publishFlow(t, second);
    await send('h8', 'demo', { properties: { employees: 500 } });
    const r = await t.call('GET', '/api/scoring/feedback');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      bandWidth: 10,
      total: v(8, 2, 3, 3),
      bands: [
        { min: -10, max: -1, ...v(1, 0, 1, 0) },
        { min: 10, max: 19, ...v(4, 0, 2, 2) },
        { min: 30, max: 39, ...v(1, 0, 0, 1) },
        { min: 40, max: 49, ...v(2, 2, 0, 0) },
      ],
    });
  });

  it('counts a marketing email the mail server refused for good as undelivered', async () => {
    const transport: MailTransport = {
      send: async (mail) => {
        if (mail.to === 'bad@example.com') throw Object.assign(new Error('550 no such user'), { responseCode: 550, command: 'RCPT TO' });
      },
      close: () => {},
    };
    t = createTestApp({ manualClock: true, transport });
    const mailFlow = {
      ...handoffFlow,
      id: 'mail',
      nodes: [handoffFlow.nodes[0], { id: 'hello', type: 'sendEmail', config: { subject: 'Hi', body: 'Hello' } }, handoffFlow.nodes[2]],
      edges: [
        { from: 'start', to: 'hello' },
        { from: 'hello', to: 'done' },
      ],
    };
    await publishFlow(t, mailFlow);
    for (const c of ['good', 'bad', 'fine']) {
      await t.call('PUT', `/api/contacts/${c}`, { email: `${c}@example.com` });
      await send(c, 'signup');
    }
    await t.delivery!.drain();
    const r = (await t.call('GET', '/api/flows/mail/report')).body;
    expect(r.emails.hello).toMatchObject({ sent: 2, undelivered: 1, suppressed: 0, failed: 0 });
  });
});
