import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Flow, Problem } from '@hourglass/documents';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import { useCreateFlow } from '../../api/useCreateFlow.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ProblemList } from '../../components/ProblemList.tsx';
import { readFlowFile } from '../../files/readFlowFile.ts';
import { freeId } from '../../files/slugify.ts';

type State =
  | { step: 'idle' }
  | { step: 'invalid'; file: string; problems: Problem[] }
  | { step: 'exists'; flow: Flow; suggestion: string }
  | { step: 'failed'; message: string; problems: Problem[] };

/** Imports a flow file: checked in the browser first, nothing is saved when it has errors. */
export function ImportFlowButton({ taken }: { taken: ReadonlySet<string> }) {
  const input = useRef<HTMLInputElement>(null);
  const create = useCreateFlow();
  const navigate = useNavigate();
  const [state, setState] = useState<State>({ step: 'idle' });

  const save = async (flow: Flow) => {
    try {
      await create.mutateAsync(flow);
      setState({ step: 'idle' });
      navigate(`/flows/${flow.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setState({ step: 'exists', flow, suggestion: freeId(flow.id, taken) });
      else setState({ step: 'failed', message: errorMessage(e), problems: e instanceof ApiError ? e.problems : [] });
    }
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const result = readFlowFile(await file.text());
    if (input.current) input.current.value = '';
    if (!result.ok) return setState({ step: 'invalid', file: file.name, problems: result.problems });
    if (taken.has(result.flow.id)) return setState({ step: 'exists', flow: result.flow, suggestion: freeId(result.flow.id, taken) });
    await save(result.flow);
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-input"
        aria-label="Flow file to import"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <button type="button" className="hg-button" onClick={() => input.current?.click()}>
        Import JSON…
      </button>
      <Dialog open={state.step !== 'idle'} onClose={() => setState({ step: 'idle' })} title="Import a flow" testId="import-dialog">
        {state.step === 'invalid' && (
          <>
            <p role="alert">
              <strong>{state.file}</strong> cannot be imported. Nothing was saved. Fix these problems and import it again:
            </p>
            <ProblemList problems={state.problems} />
          </>
        )}
        {state.step === 'exists' && (
          <>
            <p>
              A flow with the ID <code>{state.flow.id}</code> already exists. Import this file as a copy with the ID <code>{state.suggestion}</code>?
            </p>
            <div className="hg-dialog__actions">
              <button type="button" className="hg-button" onClick={() => setState({ step: 'idle' })}>
                Cancel
              </button>
              <button
                type="button"
                className="hg-button hg-button--primary"
                onClick={() => void save({ ...state.flow, id: state.suggestion, name: `${state.flow.name} (copy)`.slice(0, 120) })}
              >
                Import as a copy
              </button>
            </div>
          </>
        )}
        {state.step === 'failed' && (
          <>
            <p role="alert">The flow could not be imported: {state.message}</p>
            {state.problems.length > 0 && <ProblemList problems={state.problems} />}
          </>
        )}
      </Dialog>
    </>
  );
}
