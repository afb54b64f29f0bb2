// What a load of the web app costs Chromium, in CPU seconds (docs/testing.md):
//   npx vite build --outDir /tmp/web && npx tsx bench/pageLoadCpu.ts /tmp/web /,/contacts,/flows/:flow 10 kept
// loads each path 10 times after one warm-up, each on a new page (`new`, as an e2e test did before
// useE2eSession) or on one page kept between loads (`kept`, as now). Not part of `npm run bench`:
// it compares builds or harness choices, and the machine's load shows in every number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { desktopPage, launchChromiumServer } from '../test/launchChromium.ts';
import { SERVER_TOKEN, startServerProcess } from '../test/serverProcess.ts';
import { treeCpuSeconds } from './procCpu.ts';

const [webDist, paths = '/', times = '10', mode = 'kept'] = process.argv.slice(2);
if (!webDist || !['new', 'kept'].includes(mode)) throw new Error('usage: pageLoadCpu.ts <web build> [paths,…] [times] [new|kept]');
const n = Number(times);
const dir = mkdtempSync(join(tmpdir(), 'hourglass-page-load-'));
const server = await startServerProcess({ HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_WEB_DIST: webDist, HOURGLASS_SEED: 'workflows' });
const chromiumServer = await launchChromiumServer();
const browser = await chromium.connect(chromiumServer.wsEndpoint());
try {
  const flow = (await server.call('GET', '/api/flows')).body.flows[0].id as string;
  let kept: Page | undefined;
  const signedInPage = async () => {
    if (kept) return kept;
    const page = await desktopPage(browser);
    await page.context().request.get(`${server.baseUrl}/?token=${SERVER_TOKEN}`, { maxRedirects: 0 });
    return page;
  };
  for (const path of paths.split(',').map((p) => p.replace(':flow', flow))) {
    const load = async () => {
      const page = await signedInPage();
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('h1, h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      if (mode === 'kept') {
        // As useE2eSession leaves a page between tests.
        await page.goto(`${server.baseUrl}/api/health`);
        kept = page;
      } else await page.context().close();
    };
    await load();
    const cpu = treeCpuSeconds(chromiumServer.process().pid!);
    const began = Date.now();
    for (let i = 0; i < n; i++) await load();
    const perLoad = (treeCpuSeconds(chromiumServer.process().pid!) - cpu) / n;
    console.log(`${path} (${mode} page): Chromium ${perLoad.toFixed(2)} CPU-s a load, ${((Date.now() - began) / n / 1000).toFixed(2)} s wall`);
  }
} finally {
  await browser.close();
  await chromiumServer.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
