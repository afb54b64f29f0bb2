// Gestures on the editor's canvas shared by the end-to-end tests: waiting for an animation to
// end, and dragging with the mouse in small steps as a hand would (React Flow needs the moves).
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Waits until `read` answers the same before and after two animation frames: an animation has ended. */
export async function settled(page: Page, read: () => Promise<unknown>): Promise<void> {
  const frames = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await expect
    .poll(
      async () => {
        const before = JSON.stringify(await read());
        await frames();
        return JSON.stringify(await read()) === before;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}

/** Drags with the mouse from one element's centre to another's, in small steps as a hand would. */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const b = (await to.boundingBox())!;
  await dragTo(page, from, { x: b.x + b.width / 2, y: b.y + b.height / 2 });
}

/** Drags with the mouse from an element's centre to a point of the page, in small steps. */
export async function dragTo(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}
