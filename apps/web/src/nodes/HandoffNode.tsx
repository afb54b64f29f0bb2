import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOfType } from '../canvas/canvasTypes.ts';
import { summarizeNode } from '../summaries/summarizeNode.ts';
import { NodeShell } from './NodeShell.tsx';
import { InHandle } from './InHandle.tsx';
import { OutHandle } from './OutHandle.tsx';

/** A handoff node on the canvas. */
export const HandoffNode = memo(function HandoffNode({ id, data, selected }: NodeProps<CanvasNodeOfType<'handoff'>>) {
  return (
    <NodeShell id={id} type="handoff" label={data.label} summary={() => summarizeNode({ type: 'handoff', config: data.config })} selected={selected}>
      <InHandle />
      <OutHandle />
    </NodeShell>
  );
});
