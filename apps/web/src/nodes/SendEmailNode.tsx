import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';
import { OutHandle } from './OutHandle.tsx';

/** A sendEmail node on the canvas. */
export const SendEmailNode = memo(function SendEmailNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'sendEmail'>>) {
  return (
    <NodeShell id={id} type="sendEmail" label={data.label} summary={() => summarizeNode({ type: 'sendEmail', config: data.config })} selected={selected}>
      <InHandle />
      <OutHandle />
    </NodeShell>
  );
});
