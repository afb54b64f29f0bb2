import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.ts';
import type { IncomingEvent, Runtime } from './runtime.ts';

// A stand-in runtime that records how requests were grouped; the real ingestion is covered by
// the events route tests.
function fakeRuntime(failOn?: string) {
  const groups: string[][] = [];
  const runtime = {
    ingestRequests(requests: readonly (readonly IncomingEvent[])[]) {
      groups.push(requests.map((r) => r.map((e) => e.id).join('+')));
      return requests.map((r) => (r.some((e) => e.id === failOn) ? new Error(`bad ${failOn}`) : { accepted: r.length, duplicates: 0 }));
    },
  } as unknown as Runtime;
  return { runtime, groups };
}
const ev = (id: string): IncomingEvent => ({ id, contactId: 'c', type: 't' });

describe('EventQueue', () => {
  it('commits requests that arrive together in one group and answers each with its own outcome', async () => {
    const { runtime, groups } = fakeRuntime();
    const queue = new EventQueue(runtime);
    const answers = await Promise.all([queue.submit([ev('a')]), queue.submit([ev('b'), ev('c')]), queue.submit([ev('d')])]);
    expect(groups).toEqual([['a', 'b+c', 'd']]);
    expect(answers.map((a) => a.accepted)).toEqual([1, 2, 1]);
  });

  it('rejects only the request that failed', async () => {
    const { runtime } = fakeRuntime('b');
    const queue = new EventQueue(runtime);
    const results = await Promise.allSettled([queue.submit([ev('a')]), queue.submit([ev('b')])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('starts a new group for requests that arrive after a flush', async () => {
    const { runtime, groups } = fakeRuntime();
    const queue = new EventQueue(runtime);
    await queue.submit([ev('a')]);
    await queue.submit([ev('b')]);
    expect(groups).toEqual([['a'], ['b']]);
  });
});
