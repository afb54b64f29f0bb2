// What the end-to-end test files share: the API with the server's bearer token, and a fresh
// signed-in page for every test (so each test runs alone or in any order) checked for
// Content-Security-Policy refusals when it closes.
import { afterEach, beforeEach, expect } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { cspViolations, desktopPage } from './launchChromium.ts';
import type { RunningServer } from './e2eServer.ts';

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

/**
 * Before each test: a new page of `browser()`, signed in and showing `heading` at `path`; with
 * `blank`, signed in but still blank, for files whose tests each go to a page of their own first
 * (a load of the app costs Chromium a second or two of CPU; docs/testing.md). After each: no
 * Content-Security-Policy refusal, and the page's context closed.
 */
export function signedInPageForEachTest(
  env: () => { server: RunningServer; browser: Browser },
  use: (page: Page) => void,
  start: { path?: string; heading?: string; blank?: boolean } = {},
) {
  let page: Page | undefined;
  beforeEach(async () => {
    const { server, browser } = env();
    page = await desktopPage(browser);
    if (start.blank) {
      // The sign-in link through the context's own requests: the session cookie lands in the
      // context, as when the page follows the link, without running the app.
      const signIn = await page.context().request.get(`${server.baseUrl}/?token=${encodeURIComponent(server.token)}`, { maxRedirects: 0 });
      if (signIn.status() !== 302) throw new Error(`The sign-in link answered ${signIn.status()}: ${await signIn.text()}`);
    } else {
      await page.goto(`${server.baseUrl}/?token=${encodeURIComponent(server.token)}`);
      if (start.path) await page.goto(`${server.baseUrl}${start.path}`);
      await page.getByRole('heading', { name: start.heading ?? 'Flows', exact: true }).waitFor();
    }
    use(page);
  });
  afterEach(async () => {
    if (!page) return;
    expect(cspViolations(page)).toEqual([]);
    await page.context().close();
  });
}

/** What a download holds, as text: read through the browser's connection, so a shared browser (connectChromium) works too. */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
