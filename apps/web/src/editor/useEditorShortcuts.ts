import { useEffect } from 'react';
import { isTypingTarget } from './isTypingTarget.ts';
import type { EditorStore } from './store/createEditorStore.ts';

interface ShortcutActions {
  fitView: () => void;
  fitSelection: () => void;
  layout: () => void;
  showHelp: () => void;
}

/** The editor's keyboard shortcuts (see shortcuts.ts), except while the marketer types in a field. */
export function useEditorShortcuts(store: EditorStore, actions: ShortcutActions): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      // Dialogs (publish, history) have their own keys.
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (f: () => void) => {
        e.preventDefault();
        f();
      };
      if (mod && key === 'z') return run(e.shiftKey ? s.redo : s.undo);
      if (mod && key === 'y') return run(s.redo);
      if (mod && key === 'c') return run(s.copySelection);
      if (mod && key === 'x') return run(s.cutSelection);
      if (mod && key === 'v') return run(s.paste);
      if (mod && key === 'a') return run(s.selectAll);
      if (mod && key === 'd')
        return run(() => {
          s.copySelection();
          s.paste();
        });
      if (mod || e.altKey) return;
      if (e.key === 'Delete' || e.key === 'Backspace') return run(s.deleteSelection);
      if (e.key === 'Escape') return run(s.clearSelection);
      if (e.shiftKey && key === 'l') return run(actions.layout);
      if (e.shiftKey && (e.key === '!' || e.code === 'Digit1')) return run(actions.fitView);
      if (e.shiftKey && (e.key === '@' || e.key === '"' || e.code === 'Digit2')) return run(actions.fitSelection);
      if (e.key === '?') return run(actions.showHelp);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, actions]);
}
