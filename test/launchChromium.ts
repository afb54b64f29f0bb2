// Debian's Chromium through playwright-core, for the end-to-end tests and the editor benchmark:
// no test tool may download a browser of its own.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './cliRunner.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the end-to-end tests keep their screenshots (gitignored). */
export const artifacts = join(repoRoot, 'test-artifacts');

/** Headless Chromium with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Debian's chromium is needed at ${CHROMIUM}: apt-get install chromium (no test tool may download a browser).`);
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A page of a large desktop window that accepts downloads and reports page errors. */
export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1680, height: 1050 }, acceptDownloads: true });
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
