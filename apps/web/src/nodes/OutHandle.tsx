import { Handle, Position } from '@xyflow/react';

/** The single unnamed port of a node. */
export function OutHandle() {
  return <Handle type="source" position={Position.Bottom} className="hg-handle hg-handle--out" aria-label="Output" />;
}
