import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { limitBody } from './limitBody.ts';

function app() {
  const a = new Hono();
  a.use(
    '*',
    limitBody(10, (c) => c.json({ error: 'too large' }, 413)),
  );
  a.post('/', async (c) => c.text(`got ${(await c.req.text()).length}`));
  a.get('/', (c) => c.text('ok'));
  return a;
}

// A body without a Content-Length: a stream, as a chunked upload arrives.
const stream = (text: string) =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

describe('limitBody', () => {
  it('judges a body by its Content-Length, refusing one over the limit', async () => {
    const small = await app().request('/', { method: 'POST', body: '12345', headers: { 'Content-Length': '5' } });
    expect(await small.text()).toBe('got 5');
    const big = await app().request('/', { method: 'POST', body: '12345678901', headers: { 'Content-Length': '11' } });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'too large' });
  });

  it('counts a body without a Content-Length as it streams in', async () => {
    const init = (text: string) => ({ method: 'POST', body: stream(text), duplex: 'half' }) as RequestInit;
    expect(await (await app().request('/', init('12345'))).text()).toBe('got 5');
    expect((await app().request('/', init('123456789012345'))).status).toBe(413);
  });

  it('lets a request without a body through', async () => {
    expect(await (await app().request('/')).text()).toBe('ok');
  });
});
