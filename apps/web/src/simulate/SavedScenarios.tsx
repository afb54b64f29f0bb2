import { useEffect, useState } from 'react';
import { readScenario, type Flow, type Problem, type Scenario, type ScoringModel, type Trace } from '@hourglass/documents';
import { errorMessage } from '../api/apiClient.ts';
import { useDeleteScenario } from '../api/useDeleteScenario.ts';
import { useSaveScenario } from '../api/useSaveScenario.ts';
import { useScenarios } from '../api/useScenarios.ts';
import { runAllScenarios, type ScenarioOutcome } from './runAllScenarios.ts';
import { draftToDocument, scenarioToDraft, type ScenarioDraft } from './scenarioDraft.ts';

interface SavedScenariosProps {
  flowId: string;
  draft: ScenarioDraft;
  /** The last run: the scenario as it was run and its trace, to keep as the expected outcome. */
  lastRun: { scenario: Scenario; trace: Trace } | null;
  /** The flow as it is on the canvas now: the saved scenarios re-run whenever it changes. */
  flow: Flow;
  scoring: ScoringModel | undefined;
  /** False while the scoring model loads: a run without it would report every score as changed. */
  scoringReady: boolean;
  onLoad: (draft: ScenarioDraft) => void;
  onProblems: (problems: Problem[]) => void;
}

const STATUS_TEXT: Record<ScenarioOutcome['status'], string> = {
  same: 'unchanged',
  changed: 'changed',
  'no-expected': 'no expected outcome kept',
  error: 'could not run',
};

// Edits come in bursts (typing, dragging): the scenarios re-run once the canvas is still.
const RERUN_MS = 300;

/**
 * The scenarios saved with the flow: save, load, delete, and a regression check against the kept
 * outcomes that re-runs by itself whenever the flow changes (and with "Run all").
 */
export function SavedScenarios({ flowId, draft, lastRun, flow, scoring, scoringReady, onLoad, onProblems }: SavedScenariosProps) {
  const scenarios = useScenarios(flowId);
  const save = useSaveScenario(flowId);
  const remove = useDeleteScenario(flowId);
  const [outcomes, setOutcomes] = useState<ScenarioOutcome[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // With the outcome, the scenario saved is the one that was run (the form may have changed since).
  const saveDraft = async (withOutcome: boolean) => {
    setMessage(null);
    const name = draft.name.trim();
    if (!name) {
      setMessage('Give the scenario a name to save it.');
      return;
    }
    let scenario: Scenario;
    if (withOutcome && lastRun) scenario = lastRun.scenario;
    else {
      const doc = readScenario(draftToDocument(draft));
      onProblems(doc.problems);
      if (!doc.ok) return;
      scenario = doc.value;
    }
    try {
      await save.mutateAsync({ name, scenario, ...(withOutcome && lastRun ? { expected: lastRun.trace } : {}) });
      setMessage(withOutcome ? `Saved "${name}" with this outcome as expected.` : `Saved "${name}".`);
    } catch (e) {
      setMessage(`The scenario could not be saved: ${errorMessage(e)}`);
    }
  };

  const keep = async (o: ScenarioOutcome) => {
    if (o.status === 'error') return;
    try {
      await save.mutateAsync({ name: o.name, scenario: o.scenario, expected: o.trace });
      setOutcomes((all) => all?.map((x) => (x.name === o.name ? { ...o, status: 'same' as const, trace: o.trace } : x)) ?? null);
    } catch (e) {
      setMessage(`The expected outcome could not be kept: ${errorMessage(e)}`);
    }
  };

  const list = scenarios.data;
  useEffect(() => {
    if (!list?.length || !scoringReady) return;
    const timer = setTimeout(() => setOutcomes(runAllScenarios(flow, list, scoring)), RERUN_MS);
    return () => clearTimeout(timer);
  }, [flow, list, scoring, scoringReady]);
  const saved = list ?? [];
  const attention = outcomes?.filter((o) => o.status !== 'same') ?? [];
  return (
    <section className="hg-saved-scenarios" aria-label="Saved scenarios" data-testid="saved-scenarios">
      <h3>Saved with the flow</h3>
      <div className="hg-simulate__files">
        <button type="button" className="hg-button" data-testid="scenario-save" onClick={() => void saveDraft(false)} disabled={save.isPending}>
          Save scenario
        </button>
        <button
          type="button"
          className="hg-button"
          data-testid="scenario-keep-expected"
          onClick={() => void saveDraft(true)}
          disabled={!lastRun || save.isPending}
          title="Save the scenario with the outcome of the last run as the one expected"
        >
          Save with this outcome
        </button>
      </div>
      {message && (
        <p className="hg-hint" role="status" data-testid="saved-scenarios-message">
          {message}
        </p>
      )}
      {scenarios.isError && <p className="hg-error-text">The saved scenarios could not be loaded: {errorMessage(scenarios.error)}</p>}
      {saved.length > 0 && (
        <ul className="hg-saved-scenarios__list">
          {saved.map((s) => (
            <li key={s.name} data-testid="saved-scenario" data-name={s.name}>
              <span>
                {s.name}
                {s.expected ? '' : ' (no expected outcome)'}
              </span>{' '}
              <button type="button" className="hg-link-button" onClick={() => onLoad({ ...scenarioToDraft(s.scenario), name: s.name })}>
                Load
              </button>{' '}
              <button type="button" className="hg-link-button" aria-label={`Delete ${s.name}`} onClick={() => remove.mutate(s.name)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="hg-button"
        data-testid="scenarios-run-all"
        disabled={saved.length === 0}
        onClick={() => setOutcomes(runAllScenarios(flow, saved, scoring))}
        title="The saved scenarios also re-run by themselves after every change of the flow"
      >
        Run all
      </button>
      {outcomes && saved.length > 0 && (
        <div data-testid="run-all-result" aria-live="polite">
          <p>
            {outcomes.length - attention.length} of {outcomes.length} unchanged
            {attention.length > 0 ? ' since their outcome was kept:' : '.'}
          </p>
          <ul>
            {attention.map((o) => (
              <li key={o.name} data-testid="run-all-outcome" data-name={o.name} data-status={o.status}>
                <strong>{o.name}</strong>: {STATUS_TEXT[o.status]}
                {o.status === 'error' && <> — {o.message}</>}
                {o.status === 'changed' && (
                  <ul>
                    {o.changes.map((c, i) => (
                      <li key={i}>{c.message}</li>
                    ))}
                  </ul>
                )}
                {o.status !== 'error' && (
                  <button type="button" className="hg-link-button" onClick={() => void keep(o)}>
                    Keep this as expected
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
