import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';

/** A exit node on the canvas. */
export const ExitNode = memo(function ExitNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'exit'>>) {
  return (
    <NodeShell id={id} type="exit" label={data.label} summary={() => summarizeNode({ type: 'exit', config: data.config })} selected={selected}>
      <InHandle />
    </NodeShell>
  );
});
