import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { parseJson, readScenario, type Problem, type Scenario } from '@hourglass/documents';
import { simulate, simulationTimeline, type Simulation } from '@hourglass/engine';
import { errorMessage } from '../api/apiClient.ts';
import { useScoring } from '../api/useScoring.ts';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
import { ProblemList } from '../components/ProblemList.tsx';
import { useEditorStore, useEditorStoreApi } from '../editor/store/EditorStoreContext.tsx';
import { downloadJson } from '../files/downloadJson.ts';
import { slugify } from '../files/slugify.ts';
import { draftToDocument, initialDraft, scenarioToDraft, type ScenarioDraft } from './scenarioDraft.ts';
import { SavedScenarios } from './SavedScenarios.tsx';
import { ScenarioForm } from './ScenarioForm.tsx';
import { nodeArrivals } from './nodeArrivals.ts';
import { scoreThresholds } from './scoreThresholds.ts';
import { simulationHighlight } from './simulationHighlight.ts';
import { SimulationResult } from './SimulationResult.tsx';
import { SidePanel } from '../components/SidePanel.tsx';

interface Run {
  scenario: Scenario;
  sim: Simulation;
  thresholds: number[];
  timezone: string;
}

/**
 * Simulates one test contact through the flow as it is on the canvas, in the browser with the
 * engine the server runs, and shows the path on the canvas.
 */
export function SimulatePanel({ onClose }: { onClose: () => void }) {
  const store = useEditorStoreApi();
  const meta = useEditorStore((s) => s.meta);
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const scoring = useScoring();
  const [draft, setDraft] = useState<ScenarioDraft>(() => initialDraft(canvasToFlow(store.getState()), Date.now()));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const timeline = useMemo(() => (run ? simulationTimeline(run.sim) : []), [run]);
  // The suggestions follow the flow as it is edited.
  const flow = useMemo(() => canvasToFlow({ meta, nodes, edges }), [meta, nodes, edges]);
  // Suggestions are timed from when the scenario as it stands brings the contact to each node.
  const arrivals = useMemo(() => nodeArrivals(flow, draft, scoring.data), [flow, draft, scoring.data]);
  const labels = useMemo(() => Object.fromEntries(flow.nodes.flatMap((n) => (n.label ? [[n.id, n.label]] : []))), [flow]);

  // The canvas goes back to normal when the panel closes.
  useEffect(() => () => store.getState().clearSimulation(), [store]);

  const select = (i: number | null) => {
    setCurrent(i);
    store.getState().setSimulationMarker(i === null ? null : (timeline[i]?.node ?? null));
  };

  const start = () => {
    setError(null);
    const doc = readScenario(draftToDocument(draft));
    setProblems(doc.problems);
    if (!doc.ok) {
      setRun(null);
      store.getState().clearSimulation();
      return;
    }
    const flow = canvasToFlow(store.getState());
    try {
      const sim = simulate({ flow, scenario: doc.value, scoring: scoring.data });
      const h = simulationHighlight(sim.trace, flow.edges);
      store.getState().showSimulation(h.visitedNodes, h.takenEdges);
      setRun({ scenario: doc.value, sim, thresholds: scoreThresholds(flow), timezone: flow.settings.timezone ?? 'UTC' });
      setCurrent(null);
    } catch (e) {
      setRun(null);
      store.getState().clearSimulation();
      setError(`The simulation could not run: ${errorMessage(e)}`);
    }
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const json = parseJson(await file.text());
    const doc = json.ok ? readScenario(json.value) : { ok: false as const, problems: [json.problem] };
    setProblems(doc.problems);
    if (doc.ok) setDraft(scenarioToDraft(doc.value));
  };

  const exportFile = () => {
    const doc = readScenario(draftToDocument(draft));
    setProblems(doc.problems);
    if (doc.ok) downloadJson(`${slugify(draft.name) || meta.id}.scenario.json`, draftToDocument(draft));
  };

  return (
    <SidePanel title="Simulate" closeLabel="Close the simulation" testId="simulate-panel" onClose={onClose}>
      <div className="hg-simulate__files" role="group" aria-label="Scenario file">
        <label className="hg-button">
          Import…
          <input type="file" accept=".json,application/json" hidden data-testid="scenario-import" onChange={(e) => void importFile(e)} />
        </label>
        <button type="button" className="hg-button" onClick={exportFile} data-testid="scenario-export">
          Export
        </button>
      </div>
      <ScenarioForm flow={flow} draft={draft} onChange={setDraft} arrivals={arrivals} />
      {problems.length > 0 && (
        <div data-testid="scenario-problems">
          <ProblemList problems={problems} />
        </div>
      )}
      <div className="hg-simulate__run">
        <button type="button" className="hg-button hg-button--primary" data-testid="simulate-run" onClick={start} disabled={scoring.isPending}>
          Run
        </button>
        {scoring.isError && <span className="hg-hint">The scoring model could not be loaded: scores count adjustments only.</span>}
      </div>
      {error && (
        <p className="hg-error-text" role="alert" data-testid="simulate-error">
          {error}
        </p>
      )}
      {run && (
        <SimulationResult
          sim={run.sim}
          timeline={timeline}
          thresholds={run.thresholds}
          timezone={run.timezone}
          current={current}
          onSelect={select}
          labels={labels}
        />
      )}
      <SavedScenarios
        flowId={meta.id}
        draft={draft}
        lastRun={run ? { scenario: run.scenario, trace: run.sim.trace } : null}
        flow={flow}
        scoring={scoring.data}
        scoringReady={!scoring.isPending}
        onLoad={setDraft}
        onProblems={setProblems}
      />
    </SidePanel>
  );
}
