import { useFlows } from '../api/useFlows.ts';
import { useStepLabels } from '../api/useStepLabels.ts';

/** A step of a flow by its label, its id on hover; the id itself when the step has no label. */
export function StepName({ flowId, node }: { flowId: string; node: string }) {
  const labels = useStepLabels(flowId);
  return <Named name={labels[node]} id={node} />;
}

/** A flow by its name, its id on hover. */
export function FlowName({ flowId }: { flowId: string }) {
  const flows = useFlows();
  return <Named name={flows.data?.find((f) => f.id === flowId)?.name} id={flowId} />;
}

/** A name with its id on hover, or the id when there is no name. */
export function Named({ name, id }: { name: string | undefined; id: string }) {
  return (
    <span className="hg-named" title={id} data-id={id}>
      {name || id}
    </span>
  );
}
