import { errorMessage } from '../../api/apiClient.ts';
import { useFlowPause, useSetFlowPause } from '../../api/useFlowPause.ts';

/** The toolbar's Pause: stops a live flow from enrolling anyone and from firing timers (resuming is on the banner). */
export function PauseButton({ flowId }: { flowId: string }) {
  const pause = useFlowPause(flowId);
  const set = useSetFlowPause(flowId);
  if (!pause.data || pause.data.paused) return null;
  return (
    <button
      type="button"
      className="hg-button"
      data-testid="pause-flow"
      disabled={set.isPending}
      title={set.isError ? errorMessage(set.error) : 'Pause the flow: nobody enters it and no email or wait goes on until you resume it'}
      onClick={() => set.mutate({ pause: true })}
    >
      ❚❚ Pause
    </button>
  );
}
