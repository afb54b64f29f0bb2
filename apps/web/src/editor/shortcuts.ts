/** The editor's keyboard shortcuts, as listed in the help dialog ("Mod" is Ctrl, or ⌘ on a Mac). */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Mod+Z', action: 'Undo' },
  { keys: 'Mod+Shift+Z or Mod+Y', action: 'Redo' },
  { keys: 'Delete or Backspace', action: 'Delete the selection' },
  { keys: 'Mod+C / Mod+X / Mod+V', action: 'Copy, cut, paste' },
  { keys: 'Mod+D', action: 'Duplicate the selection' },
  { keys: 'Mod+A', action: 'Select everything' },
  { keys: 'Shift+drag', action: 'Select with a box' },
  { keys: 'Mod+click', action: 'Add to the selection' },
  { keys: 'Arrow keys', action: 'Move the selected steps' },
  { keys: 'Shift+L', action: 'Tidy up (auto-layout)' },
  { keys: 'Shift+1', action: 'Zoom to fit' },
  { keys: 'Shift+2', action: 'Zoom to the selection' },
  { keys: 'Escape', action: 'Clear the selection' },
  { keys: '?', action: 'Show these shortcuts' },
];
