import { useMemo } from 'react';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { relativePointer } from '../problems/relativePointer.ts';
import { messagesAt, type MessagesAt } from './fields/messagesAt.ts';

/** The problems of one node (pointers relative to the node) or, for null, of the flow's own fields. */
export function useMessagesAt(nodeId: string | null): MessagesAt {
  const problems = useEditorStore((s) => s.problems);
  return useMemo(
    () =>
      messagesAt(problems, (p) => {
        if (nodeId === null) return p.pointer.startsWith('/nodes') || p.pointer.startsWith('/edges') ? null : p.pointer;
        return p.nodeId === nodeId ? relativePointer(p.pointer) : null;
      }),
    [problems, nodeId],
  );
}
