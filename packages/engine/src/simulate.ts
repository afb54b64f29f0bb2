import { durationMs, parseDuration, parseInstant, type Flow, type Scenario, type ScoringModel, type Trace } from '@hourglass/documents';
import { driveInputs, inputLine } from './driveInputs.ts';
import { Engine, type EngineOptions } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { buildTrace } from './trace.ts';
import type { EmailRecord, HandoffRecord } from './records.ts';

/** Resolves a scenario `at`: an instant, or a duration after the start. */
export function scenarioInstant(at: string, start: number): number {
  const instant = parseInstant(at);
  if (instant !== null) return instant;
  const d = parseDuration(at);
  if (!d.ok) throw new Error(d.error);
  return start + d.ms;
}

export interface SimulationInput {
  flow: Flow;
  scenario: Scenario;
  scoring?: ScoringModel;
  /** XState unless said otherwise; tests run the table stepper here to hold it to XState. */
  stepper?: EngineOptions['stepper'];
  /** Tighter or looser bounds than `SIMULATION_LIMITS`. */
  limits?: Partial<SimulationLimits>;
}

/** The bounds of one simulation, so that a flow looping through a short wait cannot run for ever. */
export interface SimulationLimits {
  /** Steps (a contact entering a node) and timers fired, each counted against this. */
  maxSteps: number;
  /** The longest horizon, in days. */
  maxHorizonDays: number;
}

export const SIMULATION_LIMITS: SimulationLimits = { maxSteps: 10_000, maxHorizonDays: 366 };

/** The simulator's full result: the trace document plus what the editor shows beside it. */
export interface Simulation {
  trace: Trace;
  /** Every email with its rendered body, owner notifications included. */
  emails: EmailRecord[];
  handoffs: HandoffRecord[];
  /** The score after every input, for the score chart. */
  scores: { at: number; score: number }[];
  start: number;
  end: number;
}

export class ScenarioError extends Error {}

/** A simulation past one of its limits: `limit` says which, the message how to fix it. */
export class SimulationLimitError extends ScenarioError {
  constructor(
    readonly limit: keyof SimulationLimits,
    message: string,
  ) {
    super(message);
  }
}

/** The memory store counting the steps it is given, for the step budget. */
class CountingStore extends MemoryStore {
  stepCount = 0;
  override addStep(step: Parameters<MemoryStore['addStep']>[0]) {
    this.stepCount++;
    super.addStep(step);
  }
}

/**
 * Runs one scenario through one flow under a virtual clock (spec §6) with the same engine the
 * server runs: timers due at an instant fire before events at that instant.
 */
export function simulate({ flow, scenario, scoring, stepper, limits }: SimulationInput): Simulation {
  const { maxSteps, maxHorizonDays } = { ...SIMULATION_LIMITS, ...limits };
  const start = parseInstant(scenario.start)!;
  const end = start + durationMs(scenario.horizon);
  if (end - start > maxHorizonDays * 86_400_000) {
    throw new SimulationLimitError(
      'maxHorizonDays',
      `The scenario's horizon (${scenario.horizon}) is longer than ${maxHorizonDays} days, the longest a simulation covers. Shorten "horizon".`,
    );
  }
  const store = new CountingStore();
  const engine = new Engine({ store, scoring, ...(stepper ? { stepper } : {}) });
  engine.addFlow(flow, 1);
  const { score, ...c } = scenario.contact;
  engine.putContact({ ...c, properties: { ...c.properties }, adjustments: score ?? 0 });
  const contactId = c.id;
  const scores: { at: number; score: number }[] = [];
  const sample = (at: number) => scores.push({ at, score: engine.scoreOf(contactId, at)!.score });
  sample(start);

  const events = scenario.events.map((e, i) => ({ e, i, at: scenarioInstant(e.at, start) })).sort((a, b) => a.at - b.at || a.i - b.i);

  // Events before the start are the contact's history: they count for scores and conditions.
  for (const { e, at } of events.filter((x) => x.at < start)) {
    engine.recordHistory({ contactId, at, type: e.type, data: e.data, properties: e.properties, stage: e.stage });
  }
  if (scenario.enrol) {
    const outcome = engine.enrol(flow.id, contactId, start);
    if (!outcome.enrolled && outcome.reason === 'no-manual-trigger') {
      throw new ScenarioError('The scenario enrols the contact by hand ("enrol": true), but the flow has no manual trigger.');
    }
  }
  let timersFired = 0;
  // Counted as they fire: a flow looping through short waits is stopped by the budget.
  const timers = {
    nextTimerAt: () => engine.nextTimerAt(),
    fireTimersUntil: (at: number) => {
      const fired = engine.fireTimersUntil(at);
      timersFired += fired;
      return fired;
    },
  };
  driveInputs(
    timers,
    inputLine(events.filter((x) => x.at >= start && x.at <= end)),
    ({ e, at }) => {
      engine.ingest({ contactId, at, type: e.type, data: e.data, properties: e.properties, stage: e.stage });
    },
    {
      until: end,
      after: (at) => {
        sample(at);
        checkBudget(at);
      },
    },
  );
  sample(end);

  function checkBudget(at: number) {
    if (store.stepCount <= maxSteps && timersFired <= maxSteps) return;
    const when = new Date(at).toISOString();
    throw new SimulationLimitError(
      'maxSteps',
      `The simulation stopped at ${when}, after ${maxSteps.toLocaleString('en')} steps, the most one simulation runs: the flow probably loops through a short wait. Lengthen the waits in the loop or shorten the scenario's horizon.`,
    );
  }

  return {
    trace: buildTrace(store, flow, contactId, end, scoring),
    emails: store.emailsOf(contactId),
    handoffs: store.handoffsOf(contactId),
    scores,
    start,
    end,
  };
}
