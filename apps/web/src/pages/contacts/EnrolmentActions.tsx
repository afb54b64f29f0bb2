import { useState } from 'react';
import type { Enrolment } from '@hourglass/api';
import { errorMessage } from '../../api/apiClient.ts';
import { useFlowVersion } from '../../api/useFlowVersion.ts';
import { useMoveEnrolment } from '../../api/useMoveEnrolment.ts';
import { stepsOf } from '../../summaries/stepName.ts';

/**
 * For an admin, per active enrolment on the contact page: move the contact onto another step of
 * its version at once (as a migration moves it, docs/semantics.md), or remove it from the flow.
 */
export function EnrolmentActions({ contactId, enrolment }: { contactId: string; enrolment: Enrolment }) {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState('');
  const version = useFlowVersion(enrolment.flowId, open ? enrolment.version : null);
  const { move, remove } = useMoveEnrolment(contactId);
  if (enrolment.status !== 'active') return null;
  if (!open)
    return (
      <button type="button" className="hg-link-button" onClick={() => setOpen(true)}>
        Move or remove…
      </button>
    );
  const steps = stepsOf(version.data?.flow).filter((s) => s.id !== enrolment.position);
  const ids = { flowId: enrolment.flowId, enrolmentId: enrolment.id };
  const failed = move.error ?? remove.error;
  return (
    <div className="hg-enrolment-actions" data-testid={`enrolment-actions-${enrolment.flowId}`}>
      <select className="hg-input" aria-label="Move to the step" value={step} onChange={(e) => setStep(e.target.value)}>
        <option value="">Choose a step…</option>
        {steps.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="hg-button"
        disabled={!step || move.isPending}
        onClick={() => move.mutate({ ...ids, node: step }, { onSuccess: () => setOpen(false) })}
      >
        Move now
      </button>
      <button
        type="button"
        className="hg-button hg-button--danger"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm('Remove this contact from the flow? Its steps in this flow are deleted; emails already sent stay.'))
            remove.mutate(ids, { onSuccess: () => setOpen(false) });
        }}
      >
        Remove from the flow
      </button>
      <button type="button" className="hg-link-button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {failed && <span className="hg-error-text">{errorMessage(failed)}</span>}
    </div>
  );
}
