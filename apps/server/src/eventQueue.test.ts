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
    expect(answers).toEqual([{ accepted: 1, duplicates: 0 }, { accepted: 2, duplicates: 0 }, { accepted: 0, duplicates: 1 }]);
    for (const id of ['a', 'b', 'c']) expect(enrolled(id), id).toBe(1);
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

  it('counts an id still waiting in the inbox as a duplicate, and answers a later waiting request after the queued events before it', async () => {
    const queue = await setup();
    await queue.submit(Array.from({ length: 300 }, (_, i) => signup(`q${i}`)), 'accepted');
    const again = await queue.submit([signup('q5')], 'accepted');
    expect(again).toEqual({ accepted: 0, duplicates: 1 });
    // More than one slice is queued ahead: the waiting request is answered once they are all done.
    await queue.submit([signup('late')]);
    expect(enrolled('late')).toBe(1);
    expect(enrolled('q299')).toBe(1);
    expect(t.runtime.inboxSize()).toBe(0);
  });
});
