import { useState } from 'react';
import { errorMessage } from '../../api/apiClient.ts';
import { useEnrolContact } from '../../api/useEnrolContact.ts';
import { useFlows } from '../../api/useFlows.ts';

/** Puts a contact into a published flow by hand (the flow's manual trigger). */
export function EnrolForm({ contactId }: { contactId: string }) {
  const flows = useFlows();
  const enrol = useEnrolContact();
  const published = (flows.data ?? []).filter((f) => f.publishedVersion !== null);
  const [flowId, setFlowId] = useState('');
  const chosen = flowId || published[0]?.id || '';
  if (published.length === 0) return <p className="hg-hint">Publish a flow with a manual trigger to enrol contacts by hand.</p>;
  return (
    <form
      className="hg-row"
      onSubmit={(e) => {
        e.preventDefault();
        enrol.mutate({ flowId: chosen, contactId });
      }}
    >
      <select className="hg-input hg-input--narrow" aria-label="Flow to enrol in" value={chosen} onChange={(e) => setFlowId(e.target.value)}>
        {published.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
      <button type="submit" className="hg-button" disabled={enrol.isPending}>
        Enrol by hand
      </button>
      {enrol.isError && (
        <span className="hg-error-text" role="alert">
          {errorMessage(enrol.error)}
        </span>
      )}
      {enrol.isSuccess && (
        <span className="hg-hint" role="status">
          Enrolled.
        </span>
      )}
    </form>
  );
}
