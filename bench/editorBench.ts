// editor.*: a generated 1,000-node flow opened in the real editor in headless Chromium (Debian's
// chromium through playwright-core), and frame times while panning it.
import { startServer } from '../test/e2eServer.ts';
import { thousandStepFlow } from '../test/thousandStepFlow.ts';
import { launchChromium } from '../test/launchChromium.ts';
import type { BenchContext, Results } from './harness.ts';
import { whitepaper } from './engineBench.ts';

export async function editorBench(ctx: BenchContext): Promise<Results> {
  ctx.log('editor: building the web app and starting the server');
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/?token=${server.token}`);
    const flow = thousandStepFlow(1000);
    const created = await page.evaluate(async (doc) => (await fetch('/api/flows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) })).status, flow);
    if (created !== 201) throw new Error(`could not create the 1,000-node flow (${created})`);

    const runs = ctx.quick ? 3 : 7;
    const opens: number[] = [];
    for (let i = 0; i < runs; i++) {
      ctx.log(`editor: opening the 1,000-node flow (${i + 1} of ${runs})`);
      await page.goto(`${server.baseUrl}/`);
      await page.waitForLoadState('networkidle');
      const start = Date.now();
      await page.goto(`${server.baseUrl}/flows/${flow.id}`);
      await page.locator('.react-flow__node[data-id="start"]').waitFor();
      // Painted: wait for the next animation frame after the first nodes exist.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      opens.push(Date.now() - start);
    }
    opens.sort((a, b) => a - b);

    ctx.log('editor: panning');
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    // A string, not a function: tsx would wrap named functions in a helper the page lacks.
    await page.evaluate(`(() => {
      window.__frames = []; window.__on = true; window.__last = performance.now();
      const tick = (t) => { window.__frames.push(t - window.__last); window.__last = t; if (window.__on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const moves = ctx.quick ? 60 : 200;
    for (let i = 0; i < moves; i++) {
      const angle = (i / moves) * Math.PI * 4;
      await page.mouse.move(box.x + box.width / 2 + Math.cos(angle) * 300, box.y + box.height / 2 + Math.sin(angle) * 200);
    }
    await page.mouse.up();
    const frames = (await page.evaluate('(() => { window.__on = false; return window.__frames.slice(1); })()')) as number[];
    frames.sort((a, b) => a - b);
    const p95 = frames[Math.floor(frames.length * 0.95)] ?? NaN;

    // A simulation in the editor: from the click on Run to the next painted frame.
    const example = whitepaper();
    await page.evaluate(async ([f, sc]) => {
      await fetch('/api/scoring', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sc) });
      await fetch('/api/flows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(f) });
    }, [example.flow, example.scoring] as const);
    await page.goto(`${server.baseUrl}/flows/${example.flow.id}`);
    await page.getByTestId('node-start').waitFor();
    await page.getByTestId('simulate-toggle').click();
    await page.getByTestId('scenario-import').setInputFiles(new URL('../../shared/examples/whitepaper-nurture/anna.scenario.json', import.meta.url).pathname);
    const redraws: number[] = [];
    for (let i = 0; i < 7; i++) {
      ctx.log(`editor: simulation ${i + 1} of 7`);
      // A string, not a function: see the panning script above.
      redraws.push((await page.evaluate(`(async () => {
        const run = document.querySelector('[data-testid="simulate-run"]');
        const t0 = performance.now();
        run.click();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      })()`)) as number);
      await page.getByTestId('simulation-result').waitFor();
    }
    redraws.sort((a, b) => a - b);

    // A forecast in the browser's Web Worker.
    const contacts = ctx.quick ? 20_000 : 100_000;
    ctx.log(`editor: forecast of ${contacts} contacts in the browser`);
    await page.getByTestId('forecast-toggle').click();
    await page.getByTestId('forecast-contacts').fill(String(contacts));
    await page.getByTestId('forecast-seed').fill('1');
    const forecastStart = Date.now();
    await page.getByTestId('forecast-run').click();
    await page.getByTestId('forecast-result').waitFor({ timeout: 30 * 60_000 });
    const forecastSeconds = (Date.now() - forecastStart) / 1000;
    return {
      'editor.simulateRedrawMs': { value: redraws[Math.floor(redraws.length / 2)]!, unit: 'ms', note: 'the whitepaper Anna scenario, median of 7: click to painted frame' },
      'editor.forecastContactsPerSec': { value: contacts / forecastSeconds, unit: 'contacts/s', note: `${contacts} contacts in ${forecastSeconds.toFixed(1)} s, one Web Worker per core` },
      'editor.open1000NodesMs': { value: opens[Math.floor(opens.length / 2)]!, unit: 'ms', note: `median of ${runs} opens` },
      'editor.panFrameMsP95': { value: p95, unit: 'ms', note: `${frames.length} frames over ${moves} mouse moves` },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
