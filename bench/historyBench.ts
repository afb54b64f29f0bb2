// runtime.historyCostRatio: what one event costs for a contact with 100,000 past events over what
// it costs for a new contact, through the server's production path (the inbox: accept, then
// processInbox), with the workflows' scoring model and flows, one of which starts on the score
// (so every event computes the score before and after it) and others check events in windows.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScoring } from '@hourglass/documents';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { ManualClock } from '../apps/server/src/clock.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import type { BenchContext, Results } from './harness.ts';

const DAY = 86_400_000;
const HISTORY = 100_000;
const workflows = new URL('../workflows/', import.meta.url);

/** A realistic long history: 100,000 events over the 200 days before `t0`, mostly page views. */
function pastEvent(i: number, t0: number): { at: number; type: string; data: Record<string, string | number> } {
  const at = t0 - 200 * DAY + Math.floor((i * 200 * DAY) / HISTORY);
  switch (i % 10) {
    case 0:
      return { at, type: 'email_opened', data: { email: `news-${i % 40}` } };
    case 1:
      return { at, type: 'logged_in', data: {} };
    case 2:
      return { at, type: 'feature_used', data: { feature: `f${i % 7}` } };
    case 3:
      return { at, type: 'page_viewed', data: { path: '/pricing' } };
    case 4:
      return { at, type: i % 1000 === 4 ? 'email_clicked' : 'page_viewed', data: i % 1000 === 4 ? { email: 'news' } : { path: `/docs/${i % 300}` } };
    default:
      return { at, type: 'page_viewed', data: { path: `/blog/${i % 500}` } };
  }
}

export function historyBench(ctx: BenchContext): Results {
  const events = ctx.quick ? 1_000 : 4_000;
  const round = 100;
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-history-'));
  try {
    const db = openDatabase(join(dir, 'history.db'));
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    const clock = new ManualClock(t0);
    const runtime = new Runtime({ db, clock, log: () => {} });
    const scoring = readScoring(JSON.parse(readFileSync(new URL('scoring.json', workflows), 'utf8')));
    if (!scoring.ok) throw new Error('the workflows scoring model does not validate');
    runtime.workspace.setScoring(scoring.value);
    for (const file of readdirSync(workflows).filter((f) => f.endsWith('.flow.json'))) {
      const flow = JSON.parse(readFileSync(new URL(file, workflows), 'utf8'));
      runtime.workspace.saveDraft(flow.id, flow);
      if (!runtime.workspace.publish(flow.id, 'bench')?.published) throw new Error(`could not publish ${file}`);
    }

    ctx.log(`history: recording ${HISTORY} past events of one contact`);
    const { store } = runtime.repos;
    store.putContact({
      id: 'long',
      email: 'long@example.com',
      stage: 'lead',
      owner: null,
      properties: { employees: 120, industry: 'software', country: 'AT' },
      adjustments: 0,
    });
    for (let from = 0; from < HISTORY; from += 10_000) {
      store.transaction(() => {
        for (let i = from; i < from + 10_000; i++) store.addEvent({ contactId: 'long', ...pastEvent(i, t0) });
      });
    }

    // Rounds alternate between the two kinds of contact, so a busy machine slows both alike.
    let seq = 0;
    const run = (contactOf: (i: number) => string, slice?: number) => {
      const batch = [];
      for (let i = 0; i < round; i++) {
        const n = seq++;
        batch.push({
          id: `e${n}`,
          contactId: contactOf(n),
          type: 'page_viewed',
          data: { path: n % 10 === 0 ? '/pricing' : `/blog/${n % 50}` },
          properties: { employees: 120, industry: 'software' },
        });
      }
      clock.set(clock.now() + 1000);
      const start = performance.now();
      const [accepted] = runtime.accept([batch]);
      if (accepted instanceof Error) throw accepted;
      while (runtime.processInbox(slice) > 0);
      return performance.now() - start;
    };
    run((n) => `warm-${n}`);
    run(() => 'long');
    let fresh = 0;
    let long = 0;
    for (let done = 0; done < events; done += round) {
      fresh += run((n) => `new-${n}`);
      long += run(() => 'long');
    }
    const perFresh = (fresh * 1000) / events;
    const perLong = (long * 1000) / events;
    // Also one event per transaction: nothing read for an earlier event of the group helps.
    let freshAlone = 0;
    let longAlone = 0;
    const alone = events / 5;
    for (let done = 0; done < alone; done += round) {
      freshAlone += run((n) => `new-${n}`, 1);
      longAlone += run(() => 'long', 1);
    }
    ctx.log(`history: ${perFresh.toFixed(0)} µs an event for a new contact, ${perLong.toFixed(0)} µs for one with ${HISTORY} past events`);
    db.close();
    return {
      'runtime.historyCostRatio': {
        value: perLong / perFresh,
        unit: '×',
        target: '≤ 1.5',
        note: `${perLong.toFixed(0)} µs an event with ${HISTORY.toLocaleString('en-US')} past events, ${perFresh.toFixed(0)} µs new (${events} each, inbox path)`,
      },
      'runtime.historyCostRatioAlone': {
        value: longAlone / freshAlone,
        unit: '×',
        note: `the same, one event per transaction: ${((longAlone * 1000) / alone).toFixed(0)} µs and ${((freshAlone * 1000) / alone).toFixed(0)} µs (${alone} each)`,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
