import { memo } from 'react';
import { CONDITION_PORTS } from '@hourglass/documents';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';
import { PortHandles } from './PortHandles.tsx';

/** A condition node on the canvas. */
export const ConditionNode = memo(function ConditionNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'condition'>>) {
  return (
    <NodeShell id={id} type="condition" label={data.label} summary={() => summarizeNode({ type: 'condition', config: data.config })} selected={selected}>
      <InHandle />
      <PortHandles ports={CONDITION_PORTS} />
    </NodeShell>
  );
});
