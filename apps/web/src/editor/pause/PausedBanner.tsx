import { useState } from 'react';
import { errorMessage } from '../../api/apiClient.ts';
import { useFlowPause, useSetFlowPause } from '../../api/useFlowPause.ts';
import { formatInstant } from '../../components/formatInstant.ts';

/** Over the canvas while the flow is paused: what that means, and resuming (with or without the emails whose moment passed). */
export function PausedBanner({ flowId }: { flowId: string }) {
  const pause = useFlowPause(flowId);
  const set = useSetFlowPause(flowId);
  const [skip, setSkip] = useState(false);
  if (!pause.data?.paused) return null;
  return (
    <div className="hg-paused" role="alert" data-testid="paused-banner">
      <span>❚❚ Paused since {formatInstant(pause.data.pausedAt)}: nobody enters this flow, and no email, wait or timer goes on until you resume it.</span>
      <label>
        <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> Don’t send the emails whose moment passed meanwhile
      </label>
      <button
        type="button"
        className="hg-button"
        data-testid="resume-flow"
        disabled={set.isPending}
        onClick={() => set.mutate({ pause: false, skipPastEmails: skip })}
      >
        {set.isPending ? 'Resuming…' : 'Resume'}
      </button>
      {set.isError && <span>{errorMessage(set.error)}</span>}
    </div>
  );
}
