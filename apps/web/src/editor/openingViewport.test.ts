import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH, openingViewport } from './openingViewport.ts';

const options = { minZoom: 0.05, maxZoom: 1.2, padding: 0.2 };

describe('openingViewport', () => {
  it('fits a large flow into the canvas, centred, with every node inside', () => {
    const positions = Array.from({ length: 1000 }, (_, i) => ({ x: (i % 25) * 300, y: Math.floor(i / 25) * 160 }));
    const view = openingViewport(positions, 1200, 800, options)!;
    expect(view.zoom).toBeLessThan(0.4);
    for (const p of [positions[0]!, positions[999]!]) {
      const left = view.x + p.x * view.zoom;
      const top = view.y + p.y * view.zoom;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(left + NODE_WIDTH * view.zoom).toBeLessThanOrEqual(1200);
      expect(top + NODE_HEIGHT * view.zoom).toBeLessThanOrEqual(800);
    }
  });

  it('does not zoom a small flow in beyond the largest zoom', () => {
    expect(openingViewport([{ x: 0, y: 0 }], 1200, 800, options)!.zoom).toBe(1.2);
  });

  it('has nothing to fit for an empty flow or a canvas without size', () => {
    expect(openingViewport([], 1200, 800, options)).toBeNull();
    expect(openingViewport([{ x: 0, y: 0 }], 0, 0, options)).toBeNull();
  });
});
