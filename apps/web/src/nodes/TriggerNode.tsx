import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { OutHandle } from './OutHandle.tsx';

/** A trigger node on the canvas. */
export const TriggerNode = memo(function TriggerNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'trigger'>>) {
  return (
    <NodeShell id={id} type="trigger" label={data.label} summary={() => summarizeNode({ type: 'trigger', config: data.config })} selected={selected}>
      <OutHandle />
    </NodeShell>
  );
});
