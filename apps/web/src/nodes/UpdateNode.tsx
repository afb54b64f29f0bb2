import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';
import { OutHandle } from './OutHandle.tsx';

/** A update node on the canvas. */
export const UpdateNode = memo(function UpdateNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'update'>>) {
  return (
    <NodeShell id={id} type="update" label={data.label} summary={() => summarizeNode({ type: 'update', config: data.config })} selected={selected}>
      <InHandle />
      <OutHandle />
    </NodeShell>
  );
});
