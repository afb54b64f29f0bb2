import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventQueue } from './eventQueue.ts';
import type { IncomingEvent } from './runtime.ts';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const signup = (id: string, contactId = id): IncomingEvent => ({ id, contactId, type: 'signup' });
const enrolled = (contactId: string) => t.runtime.enrolments.ofContact(contactId).length;

async function setup() {
  t = createTestApp({ manualClock: true });
  t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
  await publishFlow(t, welcomeFlow());
  return new EventQueue(t.runtime, () => {});
}

describe('EventQueue', () => {
  it('accepts requests that arrive together in one transaction and answers each with its own outcome once processed', async () => {
    const queue = await setup();
    const accept = vi.spyOn(t.runtime, 'accept');
    const answers = await Promise.all([queue.submit([signup('a')]), queue.submit([signup('b'), signup('c')]), queue.submit([signup('a')])]);
    expect(accept).toHaveBeenCalledTimes(1);
    // The second "a" came in the same group, before the first was processed: accepted, applied once.
    expect(answers).toEqual([{ accepted: 1, duplicates: 0 }, { accepted: 2, duplicates: 0 }, { accepted: 1, duplicates: 0 }]);
    for (const id of ['a', 'b', 'c']) expect(enrolled(id), id).toBe(1);
    expect((t.db.prepare("SELECT count(*) AS n FROM events WHERE contact_id = 'a'").get() as { n: number }).n).toBe(1);
    expect(t.runtime.inboxSize()).toBe(0);
  });

  it('answers a request that asked for it on acceptance before processing, and processes its events right after', async () => {
    const queue = await setup();
    const answer = await queue.submit([signup('x'), signup('y')], 'accepted');
    expect(answer).toEqual({ accepted: 2, duplicates: 0 });
    expect(t.runtime.inboxSize()).toBe(2);
    expect(enrolled('x')).toBe(0);
    await vi.waitFor(() => expect(t.runtime.inboxSize()).toBe(0));
    expect(enrolled('x') + enrolled('y')).toBe(2);
  });

  it('applies a retry accepted while the first is still waiting only once, and answers a later waiting request after everything queued before it', async () => {
    const queue = await setup();
    await queue.submit(Array.from({ length: 300 }, (_, i) => signup(`q${i}`)), 'accepted');
    // Still in the inbox: the retry is accepted again, and recognised when processed.
    expect(t.runtime.inboxSize()).toBe(300);
    expect(await queue.submit([signup('q5'), signup('q5')], 'accepted')).toEqual({ accepted: 1, duplicates: 1 });
    // More than one slice is queued ahead: the waiting request is answered once they are all done.
    await queue.submit([signup('late')]);
    expect(enrolled('late')).toBe(1);
    expect(enrolled('q299')).toBe(1);
    expect(t.runtime.inboxSize()).toBe(0);
    expect((t.db.prepare("SELECT count(*) AS n FROM events WHERE contact_id = 'q5'").get() as { n: number }).n).toBe(1);
    // Once processed, a retry is a duplicate in the answer too.
    expect(await queue.submit([signup('q5')], 'accepted')).toEqual({ accepted: 0, duplicates: 1 });
  });
});
