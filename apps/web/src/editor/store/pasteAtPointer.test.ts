import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow } from '@hourglass/documents';
import { canvasToFlow } from '../../canvas/canvasToFlow.ts';
import { createEditorStore } from './createEditorStore.ts';
import { fixturePath } from '../../../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));

describe('pasting where the pointer is', () => {
  it('pastes the copied steps with their top-left corner at the pointer, and a second paste there a step further', () => {
    const store = createEditorStore(example);
    const s = () => store.getState();
    s().select(['reminder', 'wait-4d']);
    s().copySelection();
    s().pointer.at = { x: 1000.4, y: 60 };
    s().paste();
    const pasted = () => canvasToFlow(s()).nodes.slice(example.nodes.length);
    expect(pasted().map((n) => [n.id, n.position])).toEqual([
      ['reminder-1', { x: 1000, y: 60 }],
      ['wait-4d-1', { x: 1000, y: 180 }],
    ]);
    s().paste();
    expect(pasted()[2]!.position).toEqual({ x: 1040, y: 100 });
    s().pointer.at = { x: -500, y: 0 };
    s().paste();
    expect(pasted()[4]!.position).toEqual({ x: -500, y: 0 });
  });
});
