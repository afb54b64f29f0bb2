import { useCallback, useState } from 'react';
import type { Connection } from '@xyflow/react';
import { connectionToReplace } from '../canvas/connectionToReplace.ts';
import type { EditorStore } from './store/createEditorStore.ts';

/**
 * Connects ports on the canvas; a connection that would replace a port's edge waits for the
 * marketer's answer (`pending`, then `replace` or `keep`).
 */
export function useConfirmedConnect(store: EditorStore) {
  const [pending, setPending] = useState<{ connection: Connection; target: string } | null>(null);
  const onConnect = useCallback(
    (connection: Connection) => {
      const state = store.getState();
      const old = connectionToReplace(state.edges, connection);
      if (!old) return state.connect(connection);
      const target = state.nodes.find((n) => n.id === old.target);
      setPending({ connection, target: target?.data.label || old.target });
    },
    [store],
  );
  const replace = useCallback(() => {
    if (pending) store.getState().connect(pending.connection);
    setPending(null);
  }, [store, pending]);
  const keep = useCallback(() => setPending(null), []);
  return { onConnect, pending, replace, keep };
}
