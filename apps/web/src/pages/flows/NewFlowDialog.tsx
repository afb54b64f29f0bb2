import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Flow } from '@hourglass/documents';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import { useCreateFlow } from '../../api/useCreateFlow.ts';
import { useTemplates } from '../../api/useTemplates.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { slugify } from '../../files/slugify.ts';
import { blankFlow } from './blankFlow.ts';

const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Creates a flow, blank or from a template (the flows of workflows/), and opens it. */
export function NewFlowDialog({ open, onClose, taken }: { open: boolean; onClose: () => void; taken: ReadonlySet<string> }) {
  const templates = useTemplates(open);
  const create = useCreateFlow();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [template, setTemplate] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const flowId = idEdited ? id : slugify(name);
  const idProblem =
    flowId === ''
      ? 'Give the flow an ID.'
      : !ID_RE.test(flowId)
        ? 'Use lowercase letters, digits and -, starting with a letter or digit (at most 64).'
        : taken.has(flowId)
          ? 'Another flow has this ID.'
          : null;
  const chosen = templates.data?.find((t) => t.id === template);
  // Said beside the Create button while it is disabled.
  const whyNot = !name.trim() ? 'Give the flow a name to create it.' : idProblem;

  const submit = async () => {
    setError(null);
    const flow: Flow = chosen ? { ...chosen, id: flowId, name: name.trim() } : blankFlow(flowId, name.trim());
    try {
      await create.mutateAsync(flow);
      onClose();
      navigate(`/flows/${flowId}`);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? 'Another flow has this ID. Choose another one.' : errorMessage(e));
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title="New flow" testId="new-flow-dialog">
      <form
        className="hg-new-flow"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="hg-field__label" htmlFor="new-flow-name">
          Name
        </label>
        <input
          id="new-flow-name"
          className="hg-input"
          value={name}
          required
          maxLength={120}
          placeholder="Whitepaper download → nurture → sales"
          onChange={(e) => setName(e.target.value)}
        />
        <label className="hg-field__label" htmlFor="new-flow-id">
          ID
        </label>
        <input
          id="new-flow-id"
          className="hg-input hg-mono"
          value={flowId}
          aria-invalid={idProblem !== null && (idEdited || name !== '')}
          onChange={(e) => {
            setIdEdited(true);
            setId(e.target.value);
          }}
        />
        <p className="hg-hint">Used in links, exports and reports; it cannot be changed later.</p>
        {idProblem && (idEdited || name !== '') && (
          <p className="hg-field__problems" role="alert">
            {idProblem}
          </p>
        )}
        <div className="hg-new-flow__templates" data-testid="new-flow-templates">
          <fieldset className="hg-templates">
            <legend className="hg-field__label">Start from</legend>
            <label className="hg-template">
              <input type="radio" name="template" value="" checked={template === ''} onChange={() => setTemplate('')} />
              <span>
                <strong>A blank canvas</strong>
                <span className="hg-hint">Build the flow step by step.</span>
              </span>
            </label>
            {templates.isPending && <p className="hg-hint">Loading templates…</p>}
            {templates.isError && <p className="hg-hint">Templates are not available: {errorMessage(templates.error)}</p>}
            {templates.data?.map((t) => (
              <label className="hg-template" key={t.id}>
                <input
                  type="radio"
                  name="template"
                  value={t.id}
                  checked={template === t.id}
                  onChange={() => {
                    setTemplate(t.id);
                    if (!name) setName(t.name);
                  }}
                />
                <span>
                  <strong>{t.name}</strong>
                  <span className="hg-hint">{t.description ?? `${t.nodes.length} steps`}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        {error && (
          <p className="hg-error-text" role="alert">
            {error}
          </p>
        )}
        <div className="hg-dialog__actions">
          {whyNot && (
            <p className="hg-hint hg-dialog__why" data-testid="create-disabled-reason">
              {whyNot}
            </p>
          )}
          <button type="button" className="hg-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="hg-button hg-button--primary" disabled={whyNot !== null || create.isPending}>
            {create.isPending ? 'Creating…' : 'Create flow'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
