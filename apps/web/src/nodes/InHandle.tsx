import { Handle, Position } from '@xyflow/react';

/** Where edges enter a node (every node but a trigger). */
export function InHandle() {
  return <Handle type="target" position={Position.Top} className="hg-handle hg-handle--in" aria-label="Input" />;
}
