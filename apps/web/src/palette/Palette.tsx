import { useReactFlow } from '@xyflow/react';
import { useRef } from 'react';
import { useEditorStoreApi } from '../editor/store/EditorStoreContext.tsx';
import { NodeIcon } from '../nodes/NodeIcon.tsx';
import { PALETTE_ITEMS } from './paletteItems.ts';

export const PALETTE_MIME = 'application/x-hourglass-palette';
/** What a note dragged from the palette carries: not a step, so not a palette item. */
export const NOTE_PALETTE_KEY = 'note';

/** The node types to drag onto the canvas; a click (or Enter) adds one in the middle of the view. */
export function Palette() {
  const store = useEditorStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const added = useRef(0);
  const inView = () => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const center = pane ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
    // Successive clicks fan out so new steps do not hide each other.
    const shift = (added.current++ % 5) * 30;
    return { x: Math.round(center.x - 120 + shift), y: Math.round(center.y - 40 + shift) };
  };
  const addInView = (key: string) => {
    const item = PALETTE_ITEMS.find((i) => i.key === key)!;
    store.getState().addNode({ type: item.type, config: item.config }, inView());
  };
  return (
    <nav className="hg-palette" aria-label="Steps to add">
      <h2 className="hg-palette__title">Add a step</h2>
      <p className="hg-hint">Drag onto the canvas, or click.</p>
      <ul>
        {PALETTE_ITEMS.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              draggable
              className={`hg-palette__item hg-palette__item--${item.type}`}
              data-testid={`palette-${item.key}`}
              title={item.hint}
              aria-label={`Add ${item.title}: ${item.hint}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, item.key);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => addInView(item.key)}
            >
              <span className="hg-palette__icon">
                <NodeIcon type={item.type} />
              </span>
              <span className="hg-palette__text">
                <span className="hg-palette__name">{item.title}</span>
                <span className="hg-palette__hint">{item.hint}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <h2 className="hg-palette__title hg-palette__title--more">Add to the canvas</h2>
      <ul>
        <li>
          <button
            type="button"
            draggable
            className="hg-palette__item hg-palette__item--note"
            data-testid="palette-note"
            title="A note for your team, beside the steps (not part of the flow)"
            aria-label="Add a note: text beside the steps, not part of the flow"
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, NOTE_PALETTE_KEY);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => store.getState().addNote(inView())}
          >
            <span className="hg-palette__icon" aria-hidden="true">
              ✎
            </span>
            <span className="hg-palette__text">
              <span className="hg-palette__name">Note</span>
              <span className="hg-palette__hint">A comment on the canvas</span>
            </span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
