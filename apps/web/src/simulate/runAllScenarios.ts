import type { Flow, Scenario, ScoringModel, Trace } from '@hourglass/documents';
import { compareTraces, simulate, stepLabels, type TraceChange } from '@hourglass/engine';

/** The outcome of one saved scenario in "Run all", against the trace kept as expected. */
export type ScenarioOutcome =
  | { name: string; scenario: Scenario; status: 'same'; trace: Trace }
  | { name: string; scenario: Scenario; status: 'changed'; trace: Trace; changes: TraceChange[] }
  | { name: string; scenario: Scenario; status: 'no-expected'; trace: Trace }
  | { name: string; scenario: Scenario; status: 'error'; message: string };

/** Runs every saved scenario through the flow and compares each with its expected trace. */
export function runAllScenarios(
  flow: Flow,
  saved: readonly { name: string; scenario: Scenario; expected?: Trace | undefined }[],
  scoring: ScoringModel | undefined,
): ScenarioOutcome[] {
  return saved.map(({ name, scenario, expected }): ScenarioOutcome => {
    let trace: Trace;
    try {
      trace = simulate({ flow, scenario, ...(scoring ? { scoring } : {}) }).trace;
    } catch (e) {
      return { name, scenario, status: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (!expected) return { name, scenario, status: 'no-expected', trace };
    const changes = compareTraces(expected, trace, { timezone: flow.settings.timezone, labels: stepLabels(flow) });
    return changes.length ? { name, scenario, status: 'changed', trace, changes } : { name, scenario, status: 'same', trace };
  });
}
