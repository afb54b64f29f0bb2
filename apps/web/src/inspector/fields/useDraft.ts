import { useRef, useState } from 'react';

/**
 * Local text for a field whose value lives in the store: the marketer may type something that is
 * not a value yet ("4." or an empty box). The draft follows the store when the value changes from
 * elsewhere (undo, another field) but not when it changes because of this field.
 * Call `setDraft(draft)` for text that is not a value, `setDraft(draft, value)` before emitting `value`.
 */
export function useDraft<T, D>(value: T, toDraft: (value: T) => D): [D, (draft: D, ...emitted: [T] | []) => void] {
  const [draft, setDraft] = useState(() => toDraft(value));
  const [seen, setSeen] = useState(value);
  const emitted = useRef<{ value: T } | null>(null);
  if (!Object.is(value, seen)) {
    // Adjusting state while rendering (React's pattern for state derived from props).
    setSeen(value);
    if (!emitted.current || !Object.is(emitted.current.value, value)) setDraft(toDraft(value));
    emitted.current = null;
  }
  const update = (next: D, ...emit: [T] | []) => {
    setDraft(next);
    if (emit.length > 0) emitted.current = { value: emit[0] as T };
  };
  return [draft, update];
}
