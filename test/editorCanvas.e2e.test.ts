// The canvas details of the editor, in headless Chromium (Debian's, driven by playwright-core):
// a selected connection that shows, paste at the cursor, a connection dropped on empty canvas,
// notes, search with Ctrl+F, and a problems panel that leaves the canvas its room.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Flow, FLOW_FORMAT, validateFlow } from '@hourglass/documents';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';
import { dragTo, settled } from './canvasGestures.ts';
import { fixturePath } from './fixtures.ts';
import { thousandStepFlow } from './thousandStepFlow.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const unavailable = e2eUnavailable();

if (unavailable) {
  console.warn(`The canvas end-to-end tests are skipped: ${unavailable}.`);
  describe.skip(`editor canvas end to end (skipped: ${unavailable})`, () => {
    it('shows the canvas details', () => {});
  });
} else {
  // One server for all; each test makes the flow it needs under an id of its own.
  describe('the editor canvas in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { ok: call } = serverApi(() => server);
    /** Creates `flow` (the whitepaper example under `id` by default) and opens it in the editor. */
    const open = async (id: string, flow: Flow = { ...example, id, name: `Whitepaper (${id})` }) => {
      await call('POST', '/flows', flow);
      await page.goto(`${server.baseUrl}/flows/${id}`);
      await page.locator('.react-flow__node').first().waitFor();
      await settled(page, () => page.locator('.react-flow__viewport').getAttribute('style'));
    };
    const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

    useE2eSession((s) => ({ server, page } = s));

    it('draws a selected connection thicker and in the accent colour', async () => {
      await open('canvas-edge');
      const edge = page.locator('.react-flow__edge[data-id="welcome→→engaged"]');
      const path = edge.locator('.react-flow__edge-path');
      const look = () => path.evaluate((p) => ({ stroke: getComputedStyle(p).stroke, width: parseFloat(getComputedStyle(p).strokeWidth) }));
      const before = await look();
      const box = (await edge.locator('.react-flow__edge-interaction').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect.poll(() => edge.getAttribute('class')).toContain('selected');
      const after = await look();
      expect(after.width).toBeGreaterThanOrEqual(3);
      expect(after.width).toBeGreaterThan(before.width);
      expect(after.stroke).toBe('rgb(59, 91, 219)');
      await page.screenshot({ path: join(artifacts, 'canvas-selected-edge.png') });
    });

    it('pastes a copied step where the pointer is, away from the original', async () => {
      await open('canvas-paste');
      await node('reminder').click();
      await page.keyboard.press('Control+c');
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      const at = { x: canvas.x + canvas.width - 260, y: canvas.y + 120 };
      await page.mouse.move(at.x, at.y);
      await page.keyboard.press('Control+v');
      const pasted = node('reminder-1');
      await pasted.waitFor();
      const box = (await pasted.boundingBox())!;
      expect(Math.abs(box.x - at.x)).toBeLessThan(4);
      expect(Math.abs(box.y - at.y)).toBeLessThan(4);
      const original = (await node('reminder').boundingBox())!;
      const overlap =
        box.x < original.x + original.width && original.x < box.x + box.width && box.y < original.y + original.height && original.y < box.y + box.height;
      expect(overlap).toBe(false);
    });

    it('offers the steps when a connection is dropped on empty canvas, and adds the chosen one there, connected', async () => {
      const flow: Flow = {
        format: FLOW_FORMAT,
        id: 'canvas-connect-drop',
        name: 'Connect by dropping',
        settings: {},
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { on: 'event', event: 'signup' } },
          { id: 'welcome', type: 'sendEmail', position: { x: 0, y: 150 }, config: { subject: 'Hi', body: 'Welcome' } },
        ],
        edges: [{ from: 'start', to: 'welcome' }],
      };
      await open(flow.id, flow);
      const handle = node('welcome').locator('.react-flow__handle.source');
      const from = (await handle.boundingBox())!;
      const at = { x: from.x + 300, y: from.y + 220 };
      await dragTo(page, handle, at);
      const picker = page.getByTestId('step-picker');
      await picker.waitFor();
      await page.screenshot({ path: join(artifacts, 'canvas-connect-drop-picker.png') });
      await picker.getByRole('button', { name: /^Add Wait:/ }).click();
      await node('wait-1').waitFor();
      await expect.poll(() => page.locator('.react-flow__edge[data-id="welcome→→wait-1"]').count()).toBe(1);
      expect(await picker.count()).toBe(0);
      // The new step's top centre is where the connection was dropped.
      const box = (await node('wait-1').boundingBox())!;
      expect(Math.abs(box.x + box.width / 2 - at.x)).toBeLessThan(30);
      expect(Math.abs(box.y - at.y)).toBeLessThan(30);
      await page.screenshot({ path: join(artifacts, 'canvas-connect-drop-added.png') });
    });

    it('finds a step by its label with Ctrl+F and zooms to it', async () => {
      const big = thousandStepFlow(200);
      const flow: Flow = {
        ...big,
        id: 'canvas-search',
        nodes: big.nodes.map((n) => (n.id === 'step-150' ? { ...n, label: 'Pricing page follow-up' } : n)),
      };
      await open(flow.id, flow);
      const target = node('step-150');
      const before = (await target.boundingBox())!;
      await page.keyboard.press('Control+f');
      const search = page.getByTestId('canvas-search-input');
      await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
      await search.fill('pricing');
      await expect.poll(() => page.getByTestId('canvas-search-count').textContent()).toBe('1 of 1');
      await search.press('Enter');
      await expect.poll(() => target.getAttribute('class')).toContain('selected');
      await settled(page, () => target.boundingBox());
      const after = (await target.boundingBox())!;
      expect(after.width).toBeGreaterThan(before.width * 2);
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      expect(after.x).toBeGreaterThan(canvas.x);
      expect(after.x + after.width).toBeLessThan(canvas.x + canvas.width);
      await page.screenshot({ path: join(artifacts, 'canvas-search.png') });
      await search.press('Escape');
      await expect.poll(() => search.count()).toBe(0);
    });

    it('keeps a note on the canvas across a reload, outside the flow document', async () => {
      await open('canvas-notes');
      await page.getByTestId('palette-note').click();
      const note = page.getByTestId('canvas-note');
      await note.waitFor();
      await note.getByRole('textbox').fill('Ask sales about the DACH routing before launch');
      await expect
        .poll(async () => (await call('GET', '/flows/canvas-notes/notes')).notes.map((n: { text: string }) => n.text))
        .toEqual(['Ask sales about the DACH routing before launch']);
      await page.screenshot({ path: join(artifacts, 'canvas-note.png') });
      await page.reload();
      await expect.poll(() => page.getByTestId('canvas-note').getByRole('textbox').inputValue()).toBe('Ask sales about the DACH routing before launch');
      // The flow document stays the contract's: notes are not part of it.
      const exported = await call('GET', '/flows/canvas-notes/export');
      expect(Object.keys(exported)).not.toContain('notes');
      expect(validateFlow(exported).problems).toEqual([]);
    });

    it('keeps two thirds of the height for the canvas with many problems, and collapses the problems panel visibly', async () => {
      const flow: Flow = {
        format: FLOW_FORMAT,
        id: 'canvas-problems',
        name: 'Many problems',
        settings: {},
        nodes: Array.from({ length: 40 }, (_, i) => ({
          id: `mail-${i}`,
          type: 'sendEmail' as const,
          position: { x: (i % 8) * 300, y: Math.floor(i / 8) * 160 },
          config: { subject: '', body: '' },
        })),
        edges: [],
      };
      await open(flow.id, flow);
      const panel = page.getByTestId('problems');
      const canvas = page.getByTestId('canvas');
      await expect.poll(async () => (await panel.locator('.hg-problem').count()) > 20).toBe(true);
      const heights = async () => ({ canvas: (await canvas.boundingBox())!.height, panel: (await panel.boundingBox())!.height });
      const open1 = await heights();
      expect(open1.canvas).toBeGreaterThanOrEqual((2 / 3) * (open1.canvas + open1.panel) - 1);
      await page.screenshot({ path: join(artifacts, 'canvas-problems-open.png') });

      const toggle = panel.getByRole('button', { name: /Problems/ });
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await toggle.textContent()).toContain('Hide');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await toggle.textContent()).toContain('Show');
      expect(await panel.locator('.hg-problem').count()).toBe(0);
      const closed = await heights();
      expect(closed.panel).toBeLessThan(50);
      expect(closed.canvas).toBeGreaterThan(open1.canvas + 100);
      await page.screenshot({ path: join(artifacts, 'canvas-problems-collapsed.png') });
    });
  });
}
