import type { XYPosition } from '@xyflow/react';

/** How far successive pastes at one spot step down and to the right, so that none hides another. */
export const PASTE_STEP = 40;

/**
 * How far pasted nodes move from where they were copied. With the pointer on the canvas their
 * top-left corner goes to the pointer (where the marketer is looking), a step further for each
 * earlier paste at the same spot; without it (a button, the pointer elsewhere) each paste moves
 * one more step from the originals, so a paste never lands on top of what was copied.
 */
export function pasteOffset(positions: readonly XYPosition[], pointer: XYPosition | null, earlierAtSpot: number): XYPosition {
  if (!pointer || positions.length === 0) return { x: PASTE_STEP * (earlierAtSpot + 1), y: PASTE_STEP * (earlierAtSpot + 1) };
  const left = Math.min(...positions.map((p) => p.x));
  const top = Math.min(...positions.map((p) => p.y));
  return { x: Math.round(pointer.x - left) + PASTE_STEP * earlierAtSpot, y: Math.round(pointer.y - top) + PASTE_STEP * earlierAtSpot };
}
