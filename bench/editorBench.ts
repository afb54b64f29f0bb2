// editor.*: a generated 1,000-node flow opened in the real editor in headless Chromium (Debian's
// chromium through playwright-core), and frame times while panning it.
import { startServer } from '../test/e2eServer.ts';
import { thousandStepFlow } from '../test/thousandStepFlow.ts';
import { launchChromium } from '../test/launchChromium.ts';
import type { BenchContext, Results } from './harness.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFlow, readScoring, type Flow, type ScoringModel } from '@hourglass/documents';
import { whitepaper } from './engineBench.ts';
import { fixturePath } from '../test/fixtures.ts';

export async function editorBench(ctx: BenchContext): Promise<Results> {
  // The browser first: without Chromium the suite fails at once, with no server left running.
  const browser = await launchChromium();
  ctx.log('editor: building the web app and starting the server');
  const server = await startServer().catch(async (e: unknown) => {
    await browser.close();
    throw e;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/?token=${server.token}`);
    const flow = thousandStepFlow(1000);
    const created = await page.evaluate(
      async (doc) => (await fetch('/api/flows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) })).status,
      flow,
    );
    if (created !== 201) throw new Error(`could not create the 1,000-node flow (${created})`);

    const runs = ctx.quick ? 1 : 7;
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

    // A simulation in the editor, for the whitepaper example and every flow in workflows/: from
    // the click on Run to the next painted frame. The slowest flow's median is the result.
    const runsPerFlow = ctx.quick ? 1 : 7;
    const redraws: { flow: string; ms: number }[] = [];
    for (const c of simulationCases()) {
      ctx.log(`editor: simulating ${c.flow.id} (${runsPerFlow} runs)`);
      await page.evaluate(
        async ([f, sc]) => {
          await fetch('/api/scoring', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sc) });
          await fetch('/api/flows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(f) });
        },
        [c.flow, c.scoring] as const,
      );
      await page.goto(`${server.baseUrl}/flows/${c.flow.id}`);
      await page.locator('.react-flow__node').first().waitFor();
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('scenario-import').setInputFiles(c.scenario);
      const times: number[] = [];
      for (let i = 0; i < runsPerFlow; i++) {
        // A string, not a function: see the panning script above.
        times.push(
          (await page.evaluate(`(async () => {
          const run = document.querySelector('[data-testid="simulate-run"]');
          const t0 = performance.now();
          run.click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - t0;
        })()`)) as number,
        );
        await page.getByTestId('simulation-result').waitFor();
      }
      times.sort((a, b) => a - b);
      redraws.push({ flow: c.flow.id, ms: times[Math.floor(times.length / 2)]! });
    }
    const slowest = redraws.reduce((a, b) => (b.ms > a.ms ? b : a));
    ctx.log(`editor: simulation redraws ${redraws.map((r) => `${r.flow} ${r.ms.toFixed(1)} ms`).join(', ')}`);

    // A forecast of the whitepaper flow (ten nodes) in the browser's Web Workers.
    const example = whitepaper();
    await page.evaluate(async (sc) => {
      await fetch('/api/scoring', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sc) });
    }, example.scoring);
    await page.goto(`${server.baseUrl}/flows/${example.flow.id}`);
    await page.getByTestId('node-start').waitFor();
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
      'editor.simulateRedrawMs': {
        value: slowest.ms,
        unit: 'ms',
        note: `slowest of ${redraws.length} flows (${slowest.flow}), median of ${runsPerFlow}: click to painted frame`,
      },
      'editor.forecastContactsPerSec': {
        value: contacts / forecastSeconds,
        unit: 'contacts/s',
        note: `${contacts} contacts of the whitepaper flow in ${forecastSeconds.toFixed(1)} s, one Web Worker per core`,
      },
      'editor.open1000NodesMs': { value: opens[Math.floor(opens.length / 2)]!, unit: 'ms', note: `median of ${runs} opens` },
      'editor.panFrameMsP95': { value: p95, unit: 'ms', note: `${frames.length} frames over ${moves} mouse moves` },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The whitepaper example and every flow in workflows/, each with its first kept scenario. */
function simulationCases(): { flow: Flow; scoring: ScoringModel; scenario: string }[] {
  const example = whitepaper();
  const cases = [{ ...example, scenario: fixturePath('whitepaper-nurture', 'anna.scenario.json') }];
  const dir = fileURLToPath(new URL('../workflows/', import.meta.url));
  const scoring = readScoring(JSON.parse(readFileSync(join(dir, 'scoring.json'), 'utf8')));
  if (!scoring.ok) throw new Error('workflows/scoring.json does not validate');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()) {
    const flow = readFlow(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!flow.ok) throw new Error(`${file} does not validate`);
    const name = file.replace('.flow.json', '');
    const scenario = readdirSync(dir)
      .filter((f) => f.startsWith(`${name}.`) && f.endsWith('.scenario.json'))
      .sort()[0];
    if (scenario) cases.push({ flow: flow.value, scoring: scoring.value, scenario: join(dir, scenario) });
  }
  return cases;
}
