import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, FLOW_FORMAT, validateFlow } from '@hourglass/documents';
import { canvasToFlow } from '../../canvas/canvasToFlow.ts';
import { createEditorStore } from './createEditorStore.ts';
import { fixturePath } from '../../../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const blank: Flow = { format: FLOW_FORMAT, id: 'blank', name: 'Blank', settings: {}, nodes: [], edges: [] };

function setup(flow: Flow = example) {
  let clock = 0;
  const store = createEditorStore(flow, { now: () => clock });
  return {
    store,
    get: () => store.getState(),
    doc: () => canvasToFlow(store.getState()),
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('the editor store', () => {
  it('starts with the document it was given and nothing to undo', () => {
    const { get, doc } = setup();
    expect(doc()).toStrictEqual(example);
    expect(get().past).toHaveLength(0);
    expect(get().future).toHaveLength(0);
  });

  it('undoes and redoes adding a node', () => {
    const { get, doc } = setup(blank);
    const id = get().addNode({ type: 'wait', config: { for: 'P2D' } }, { x: 10, y: 20 });
    expect(id).toBe('wait-1');
    expect(doc().nodes).toStrictEqual([{ id: 'wait-1', type: 'wait', position: { x: 10, y: 20 }, config: { for: 'P2D' } }]);
    get().undo();
    expect(doc()).toStrictEqual(blank);
    get().redo();
    expect(doc().nodes.map((n) => n.id)).toEqual(['wait-1']);
  });

  it('makes every kind of change one undoable step that undo reverts exactly', () => {
    const changes: [string, (s: ReturnType<typeof setup>) => void][] = [
      ['connect', ({ get }) => get().connect({ source: 'wait-4d', target: 'done' })],
      ['config', ({ get }) => get().updateConfig('wait-4d', { for: 'P5D' })],
      ['label', ({ get }) => get().setLabel('wait-4d', 'Wait a bit')],
      ['label removed', ({ get }) => get().setLabel('wait-4d', undefined)],
      [
        'rename',
        ({ get }) => {
          expect(get().renameNode('welcome', 'hello')).toBeNull();
        },
      ],
      [
        'delete',
        ({ get }) => {
          get().select(['engaged']);
          get().deleteSelection();
        },
      ],
      [
        'paste',
        ({ get }) => {
          get().select(['welcome']);
          get().copySelection();
          get().paste();
        },
      ],
      [
        'cut',
        ({ get }) => {
          get().select(['reminder']);
          get().cutSelection();
        },
      ],
      ['layout', ({ get }) => get().setPositions(new Map([['start', { x: 1, y: 2 }]]))],
      ['settings', ({ get }) => get().updateMeta((m) => ({ ...m, settings: { ...m.settings, reentry: 'after-exit' } }))],
      ['name', ({ get }) => get().updateMeta((m) => ({ ...m, name: 'Renamed' }))],
      ['replace', ({ get }) => get().replaceDocument(blank)],
      [
        'add',
        ({ get }) => {
          get().addNode({ type: 'exit', config: {} }, { x: 0, y: 0 });
        },
      ],
      [
        'drag',
        ({ get }) => {
          get().beginMove();
          for (let y = 1; y <= 5; y++) get().onNodesChange([{ type: 'position', id: 'start', position: { x: 250, y }, dragging: true }]);
          get().endMove();
        },
      ],
      ['nudge', ({ get }) => get().onNodesChange([{ type: 'position', id: 'start', position: { x: 260, y: 0 } }])],
    ];
    for (const [what, change] of changes) {
      const s = setup();
      change(s);
      expect(s.doc(), what).not.toStrictEqual(example);
      expect(s.get().past, what).toHaveLength(1);
      s.get().undo();
      expect(s.doc(), what).toStrictEqual(example);
      const before = s.get().revision;
      s.get().redo();
      expect(s.doc(), what).not.toStrictEqual(example);
      expect(s.get().revision, what).toBeGreaterThan(before);
    }
  });

  it('does not record a step for selection, measuring or a change that changes nothing', () => {
    const { get } = setup();
    get().select(['start']);
    get().onNodesChange([{ type: 'dimensions', id: 'start', dimensions: { width: 200, height: 60 } }]);
    get().onNodesChange([{ type: 'select', id: 'welcome', selected: true }]);
    get().updateConfig('wait-4d', get().nodes.find((n) => n.id === 'wait-4d')!.data.config);
    get().connect({ source: 'start', target: 'welcome' });
    get().connect({ source: 'done', target: 'start' });
    expect(get().past).toHaveLength(0);
    expect(get().selectedNodeIds).toEqual(['start', 'welcome']);
  });

  it('merges quick edits of one field into one step, but not edits a second apart', () => {
    const { get, doc, tick } = setup();
    for (const subject of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      get().updateConfig('reminder', { subject, body: 'x' });
      tick(200);
    }
    expect(get().past).toHaveLength(1);
    tick(1500);
    get().updateConfig('reminder', { subject: 'Hello!', body: 'x' });
    expect(get().past).toHaveLength(2);
    get().undo();
    expect(doc().nodes.find((n) => n.id === 'reminder')!.config).toEqual({ subject: 'Hello', body: 'x' });
    get().undo();
    expect(doc()).toStrictEqual(example);
  });

  it('forgets what could be redone once a new change is made', () => {
    const { get } = setup();
    get().setLabel('done', 'The end');
    get().undo();
    expect(get().future).toHaveLength(1);
    get().setLabel('done', 'Finished');
    expect(get().future).toHaveLength(0);
    get().redo();
    expect(get().nodes.find((n) => n.id === 'done')!.data.label).toBe('Finished');
  });

  it('keeps the current selection when undoing', () => {
    const { get } = setup();
    get().setLabel('done', 'The end');
    get().select(['ready']);
    get().undo();
    expect(get().selectedNodeIds).toEqual(['ready']);
  });

  it('undoes a whole drag as one step back to where the node started', () => {
    const { get } = setup();
    get().beginMove();
    get().onNodesChange([{ type: 'position', id: 'ready', position: { x: 300, y: 650 }, dragging: true }]);
    get().onNodesChange([{ type: 'position', id: 'ready', position: { x: 400, y: 700 }, dragging: true }]);
    get().endMove();
    expect(get().nodes.find((n) => n.id === 'ready')!.position).toEqual({ x: 400, y: 700 });
    get().undo();
    expect(get().nodes.find((n) => n.id === 'ready')!.position).toEqual({ x: 250, y: 640 });
  });

  it('replaces the edge of a port that is connected again, so a port keeps one edge', () => {
    const { get, doc } = setup();
    get().connect({ source: 'ready', sourceHandle: 'no', target: 'done' });
    const fromNo = doc().edges.filter((e) => e.from === 'ready' && e.port === 'no');
    expect(fromNo).toEqual([{ from: 'ready', port: 'no', to: 'done' }]);
    expect(get().edges.find((e) => e.source === 'ready' && e.sourceHandle === 'no')!.label).toBe('no');
  });

  it('moves the edges of a renamed split branch and drops those of a removed one', () => {
    const flow: Flow = {
      ...blank,
      nodes: [
        {
          id: 's',
          type: 'split',
          config: {
            branches: [
              { key: 'a', weight: 1 },
              { key: 'b', weight: 1 },
              { key: 'c', weight: 1 },
            ],
          },
        },
        { id: 'x', type: 'exit', config: {} },
        { id: 'y', type: 'exit', config: {} },
        { id: 'z', type: 'exit', config: {} },
      ],
      edges: [
        { from: 's', port: 'a', to: 'x' },
        { from: 's', port: 'b', to: 'y' },
        { from: 's', port: 'c', to: 'z' },
      ],
    };
    const { get, doc } = setup(flow);
    get().updateConfig(
      's',
      {
        branches: [
          { key: 'control', weight: 1 },
          { key: 'c', weight: 1 },
        ],
      },
      { portRenames: { a: 'control' } },
    );
    expect(doc().edges).toEqual([
      { from: 's', port: 'control', to: 'x' },
      { from: 's', port: 'c', to: 'z' },
    ]);
    expect(get().edges[0]!.label).toBe('control');
  });

  it('renames a node with its edges, and refuses an id that is taken or malformed', () => {
    const { get, doc } = setup();
    expect(get().renameNode('ready', 'welcome')).toMatch(/already/);
    expect(get().renameNode('ready', 'no spaces')).toMatch(/letters, digits/);
    expect(get().renameNode('ready', 'is-ready')).toBeNull();
    expect(doc().edges.filter((e) => e.from === 'is-ready' || e.to === 'is-ready')).toHaveLength(4);
    expect(doc().edges.some((e) => e.from === 'ready' || e.to === 'ready')).toBe(false);
  });

  it('deletes the selected nodes with their edges, and selected edges, in one step', () => {
    const { get, doc } = setup();
    get().select(['ready'], [get().edges.find((e) => e.source === 'start')!.id]);
    get().deleteSelection();
    expect(doc().nodes.some((n) => n.id === 'ready')).toBe(false);
    expect(doc().edges).toHaveLength(example.edges.length - 4 - 1);
    expect(get().past).toHaveLength(1);
    expect(get().selectedNodeIds).toEqual([]);
  });

  it('pastes copied nodes under new ids, offset, with the edges between them, selected', () => {
    const { get, doc } = setup();
    get().select(['reminder', 'wait-4d']);
    get().copySelection();
    get().paste();
    const flow = doc();
    const pasted = flow.nodes.slice(example.nodes.length);
    expect(pasted.map((n) => n.id)).toEqual(['reminder-1', 'wait-4d-1']);
    expect(pasted[0]!.position).toEqual({ x: 460, y: 420 });
    expect(flow.edges.at(-1)).toEqual({ from: 'reminder-1', to: 'wait-4d-1' });
    expect(get().selectedNodeIds).toEqual(['reminder-1', 'wait-4d-1']);
    get().paste();
    expect(doc().nodes.at(-1)!.position).toEqual({ x: 500, y: 580 });
  });

  it('can build the whitepaper example from an empty canvas into a valid flow', () => {
    const { get, doc } = setup({ ...blank, id: example.id, name: example.name, description: example.description!, settings: example.settings });
    for (const n of example.nodes) {
      const id = get().addNode({ type: n.type, config: n.config } as never, n.position!);
      get().renameNode(id, n.id);
      if (n.label) get().setLabel(n.id, n.label);
    }
    for (const e of example.edges) get().connect({ source: e.from, sourceHandle: e.port ?? null, target: e.to });
    expect(doc()).toStrictEqual(example);
    expect(validateFlow(doc()).ok).toBe(true);
  });

  it('gives each editor its own store', () => {
    const a = createEditorStore(blank);
    const b = createEditorStore(blank);
    a.getState().addNode({ type: 'exit', config: {} }, { x: 0, y: 0 });
    expect(b.getState().nodes).toHaveLength(0);
  });
});
