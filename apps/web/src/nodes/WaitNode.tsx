import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';
import { OutHandle } from './OutHandle.tsx';

/** A wait node on the canvas. */
export const WaitNode = memo(function WaitNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'wait'>>) {
  return (
    <NodeShell id={id} type="wait" label={data.label} summary={() => summarizeNode({ type: 'wait', config: data.config })} selected={selected}>
      <InHandle />
      <OutHandle />
    </NodeShell>
  );
});
