// What the end-to-end test files share: the API with the server's bearer token, and a session of
// a server, the run's Chromium and a page signed in afresh for every test (so each test runs alone
// or in any order), checked for Content-Security-Policy refusals after each test.
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { connectChromium, cspViolations, DESKTOP_VIEWPORT, desktopPage, forgetCspViolations } from './launchChromium.ts';
import { startServer, type RunningServer } from './e2eServer.ts';

/** An API answer: its status and parsed JSON body (undefined when there is none). */
export interface ApiAnswer {
  status: number;
  body: any;
}

/** Calls `/api` of `server()` with its token; `body` is sent as JSON. */
export function serverApi(server: () => RunningServer) {
  const call = async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const s = server();
    const r = await fetch(`${s.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: r.status, body: parsed };
  };
  /** The same call, throwing with the answer when it is not a success: for a test's set-up. */
  const ok = async (method: string, path: string, body?: unknown): Promise<any> => {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return { call, ok };
}

/** What a file's tests share: the server, the run's Chromium and one signed-in page (see useE2eSession). */
export interface E2eSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
}

/**
 * A file's end-to-end set-up: before all its tests, a server of its own (`start`, by default the
 * run's builds), a connection to the run's Chromium and one page; then `setUp` (data through the
 * API). Before each test, `use` gets the session, whose page is signed in afresh (cookies cleared,
 * the session cookie through the context's own request) and blank: each test goes to the page it
 * is about first, so it runs alone or in any order. After each: no Content-Security-Policy
 * refusal, and the page left on a same-origin document with its storage cleared.
 *
 * The page is kept from test to test because a new page costs Chromium a renderer process and a
 * cold compile of the app: about 2 CPU-s a test against 0.4 to 0.8 on the kept page
 * (docs/testing.md). Every test replaces its document.
 */
export function useE2eSession(
  use: (session: E2eSession) => void,
  { start, setUp }: { start?: () => Promise<RunningServer>; setUp?: (session: E2eSession) => Promise<void> } = {},
) {
  let session: E2eSession | undefined;
  beforeAll(async () => {
    const server = await (start ?? (() => startServer(inject('webDist'), inject('serverMain'))))();
    try {
      const browser = await connectChromium(inject('chromium'));
      session = { server, browser, page: await desktopPage(browser) };
    } catch (e) {
      await server.stop();
      throw e;
    }
    use(session);
    await setUp?.(session);
  }, 180_000);
  beforeEach(async () => {
    const s = session!;
    // A page a failed test left broken (closed, crashed) is replaced.
    if (s.page.isClosed()) s.page = await desktopPage(s.browser);
    const context = s.page.context();
    await context.clearCookies();
    const signIn = await context.request.get(`${s.server.baseUrl}/?token=${encodeURIComponent(s.server.token)}`, { maxRedirects: 0 });
    if (signIn.status() !== 302) throw new Error(`The sign-in link answered ${signIn.status()}: ${await signIn.text()}`);
    // A test may have made the window smaller: the next starts with the whole of it again.
    await s.page.setViewportSize(DESKTOP_VIEWPORT);
    forgetCspViolations(s.page);
    use(s);
  });
  afterEach(async () => {
    const s = session;
    if (!s || s.page.isClosed()) return;
    const refused = cspViolations(s.page).slice();
    try {
      // A same-origin document, not about:blank: leaving the origin would cost a new renderer process.
      await s.page.goto(`${s.server.baseUrl}/api/health`);
      await s.page.evaluate(() => {
        sessionStorage.clear();
        localStorage.clear();
      });
    } catch {
      await s.page.context().close();
    }
    expect(refused).toEqual([]);
  });
  afterAll(async () => {
    await session?.page.context().close();
    await session?.browser.close();
    await session?.server.stop();
  });
}

/** What a download holds, as text: read through the browser's connection, so a shared browser (connectChromium) works too. */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
