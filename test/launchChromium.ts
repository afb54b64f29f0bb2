// Debian's Chromium through playwright-core, for the end-to-end tests and the editor benchmark:
// no test tool may download a browser of its own.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { repoRoot } from './cliRunner.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the end-to-end tests keep their screenshots (gitignored). */
export const artifacts = join(repoRoot, 'test-artifacts');

/** How Chromium is started: Debian's, with the flags this machine's closed network needs. */
function launchOptions() {
  if (!existsSync(CHROMIUM)) throw new Error(`Debian's chromium is needed at ${CHROMIUM}: apt-get install chromium (no test tool may download a browser).`);
  mkdirSync(artifacts, { recursive: true });
  return { executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
}

/** Headless Chromium of its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

/** Headless Chromium that others may connect to (`connectChromium`), e.g. every end-to-end file of a run. */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions());
}

/**
 * A connection to the Chromium at `endpoint` (the test run's, test/chromiumServer.ts), or one of
 * its own without. Closing it closes its pages and contexts, not the shared browser.
 */
export async function connectChromium(endpoint: string | undefined): Promise<Browser> {
  return endpoint ? chromium.connect(endpoint) : launchChromium();
}

/** The window of `desktopPage`: a large desktop screen. */
export const DESKTOP_VIEWPORT = { width: 1680, height: 1050 };

/** A page of a large desktop window that accepts downloads and reports page errors. */
export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const refused: string[] = [];
  violations.set(page, refused);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  return page;
}

const violations = new WeakMap<Page, string[]>();

/** What the server's Content-Security-Policy refused on a page of `desktopPage` so far. */
export function cspViolations(page: Page): string[] {
  return violations.get(page) ?? [];
}

/** Starts `cspViolations` afresh, for a page kept from one test to the next. */
export function forgetCspViolations(page: Page): void {
  violations.get(page)?.splice(0);
}
