import { memo } from 'react';
import { WAIT_FOR_PORTS } from '@hourglass/documents';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';
import { PortHandles } from './PortHandles.tsx';

/** A waitFor node on the canvas. */
export const WaitForNode = memo(function WaitForNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'waitFor'>>) {
  return (
    <NodeShell id={id} type="waitFor" label={data.label} summary={() => summarizeNode({ type: 'waitFor', config: data.config })} selected={selected}>
      <InHandle />
      <PortHandles ports={WAIT_FOR_PORTS} />
    </NodeShell>
  );
});
