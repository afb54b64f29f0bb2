import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncomingEvent } from './runtime.ts';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const signup = (id: string, contactId = id): IncomingEvent => ({ id, contactId, type: 'signup' });
const enrolled = (contactId: string) => t.runtime.repos.enrolments.ofContact(contactId).length;

async function setup() {
  t = createTestApp({ manualClock: true });
  t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
  await publishFlow(t, welcomeFlow());
  return t.runtime;
}

describe('InputQueue', () => {
  it('accepts requests that arrive together in one transaction and answers each with its own outcome once processed', async () => {
    const queue = await setup();
    const accept = vi.spyOn(t.runtime, 'accept');
    const answers = await Promise.all([queue.submit([signup('a')]), queue.submit([signup('b'), signup('c')]), queue.submit([signup('a')])]);
    expect(accept).toHaveBeenCalledTimes(1);
    // The second "a" came in the same group, before the first was processed: accepted, applied once.
    expect(answers).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 2, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
    ]);
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
    await queue.submit(
      Array.from({ length: 300 }, (_, i) => signup(`q${i}`)),
      'accepted',
    );
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

  it('answers a command with its outcome once the events accepted before it are processed', async () => {
    const queue = await setup();
    await queue.submit(
      Array.from({ length: 100 }, (_, i) => signup(`w${i}`)),
      'accepted',
    );
    const update = queue.upsertContact('w99', { stage: 'lead' });
    expect(t.runtime.inboxSize()).toBe(100);
    // w99 was created by its signup (in line before the update), so the update changes it.
    expect(await update).toMatchObject({ created: false, contact: { id: 'w99', stage: 'lead' } });
    expect(enrolled('w99')).toBe(1);
  });

  it('runs a job at its place in line: after the inputs accepted before it, before those after', async () => {
    const queue = await setup();
    const seen: string[] = [];
    const before = queue.submit(
      Array.from({ length: 100 }, (_, i) => signup(`j${i}`)),
      'accepted',
    );
    const job = queue.inLine(() => {
      seen.push(`job: ${enrolled('j99')} ${enrolled('after')}`);
      return 'ran';
    });
    const after = queue.submit([signup('after')]);
    await Promise.all([before, after]);
    expect(await job).toBe('ran');
    expect(seen).toEqual(['job: 1 0']);
    expect(enrolled('after')).toBe(1);
  });

  it('answers a contact update with an error when the contact was erased while it waited', async () => {
    const queue = await setup();
    await queue.submit([signup('gone')]);
    await queue.submit(
      Array.from({ length: 10 }, (_, i) => signup(`e${i}`)),
      'accepted',
    );
    const update = queue.upsertContact('gone', { stage: 'lead' });
    // The update is in the inbox on the next turn; the erasure comes before it is processed.
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.runtime.eraseContact('gone')).toBe(true);
    await expect(update).rejects.toThrow(/erased while this change waited/);
    expect(t.runtime.repos.store.getContact('gone')).toBeUndefined();
  });
});
