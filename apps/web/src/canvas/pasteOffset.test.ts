import { describe, expect, it } from 'vitest';
import { PASTE_STEP, pasteOffset } from './pasteOffset.ts';

describe('pasteOffset', () => {
  const copied = [
    { x: 420, y: 380 },
    { x: 420, y: 500 },
    { x: 250, y: 640 },
  ];

  it('moves the top-left corner of what was copied to the pointer', () => {
    const d = pasteOffset(copied, { x: 1000, y: 90 }, 0);
    expect({ x: 250 + d.x, y: 380 + d.y }).toEqual({ x: 1000, y: 90 });
  });

  it('steps a second paste at the same spot down and to the right, so the first stays visible', () => {
    const first = pasteOffset(copied, { x: 1000, y: 90 }, 0);
    const second = pasteOffset(copied, { x: 1000, y: 90 }, 1);
    expect({ x: second.x - first.x, y: second.y - first.y }).toEqual({ x: PASTE_STEP, y: PASTE_STEP });
  });

  it('moves away from the originals when the pointer is not on the canvas', () => {
    expect(pasteOffset(copied, null, 0)).toEqual({ x: PASTE_STEP, y: PASTE_STEP });
    expect(pasteOffset(copied, null, 2)).toEqual({ x: 3 * PASTE_STEP, y: 3 * PASTE_STEP });
  });
});
