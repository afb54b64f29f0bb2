// For tests: the simulator's loop on any store (SQLite's, PostgreSQL's), to compare stores input for input.
import { durationMs, type Flow, type Scenario, type ScoringModel } from '@hourglass/documents';
import { Engine, buildTrace, driveInputs, inputLine, scenarioInstant, type Store } from '@hourglass/engine';

/** The simulator's loop (engine/simulate.ts) on a given store. */
export function simulateOn(store: Store, flow: Flow, scenario: Scenario, scoring?: ScoringModel) {
  const start = Date.parse(scenario.start);
  const end = start + durationMs(scenario.horizon);
  const engine = new Engine({ store, scoring });
  engine.addFlow(flow, 1);
  const { score, ...c } = scenario.contact;
  engine.putContact({ ...c, properties: { ...c.properties }, adjustments: score ?? 0 });
  const events = scenario.events.map((e, i) => ({ e, i, at: scenarioInstant(e.at, start) })).sort((a, b) => a.at - b.at || a.i - b.i);
  for (const { e, at } of events.filter((x) => x.at < start))
    engine.recordHistory({ contactId: c.id, at, type: e.type, data: e.data, properties: e.properties, stage: e.stage });
  if (scenario.enrol) engine.enrol(flow.id, c.id, start);
  driveInputs(
    engine,
    inputLine(events.filter((x) => x.at >= start && x.at <= end)),
    ({ e, at }) => void engine.ingest({ contactId: c.id, at, type: e.type, data: e.data, properties: e.properties, stage: e.stage }),
    { until: end },
  );
  return buildTrace(store, flow, c.id, end, scoring);
}
