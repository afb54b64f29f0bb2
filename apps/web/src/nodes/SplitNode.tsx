import { memo, useEffect, useMemo } from 'react';
import { useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { InHandle } from './InHandle.tsx';
import { NodeShell } from './NodeShell.tsx';
import { PortHandles } from './PortHandles.tsx';

/** A split node on the canvas: one port per branch. */
export const SplitNode = memo(function SplitNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'split'>>) {
  const keys = data.config.branches.map((b) => b.key);
  const signature = keys.join('\u0000');
  const ports = useMemo(() => signature.split('\u0000').filter(Boolean), [signature]);
  // React Flow measures handles once; branches added or renamed need a new measurement.
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(id), [id, signature, updateNodeInternals]);
  return (
    <NodeShell id={id} type="split" label={data.label} summary={() => summarizeNode({ type: 'split', config: data.config })} selected={selected}>
      <InHandle />
      <PortHandles ports={ports} />
    </NodeShell>
  );
});
