/**
 * The Hourglass engine: moves contacts through compiled flows with XState (spec §3 and §4). It
 * runs in Node and in the browser; the store decides where state lives.
 * @packageDocumentation
 */
export * from './conditions.ts';
export * from './eventQuery.ts';
export * from './engine.ts';
export * from './driveInputs.ts';
export * from './emailHtml.ts';
export * from './emailLayout.ts';
export * from './flowMachine.ts';
export * from './stepper.ts';
export * from './tableStepper.ts';
export * from './fnv.ts';
export * from './localTime.ts';
export * from './memoryStore.ts';
export * from './migration.ts';
export * from './moveSample.ts';
export * from './moveSummary.ts';
export * from './records.ts';
export * from './render.ts';
export * from './scoring.ts';
export * from './simulate.ts';
export * from './store.ts';
export * from './trace.ts';
export * from './timeline.ts';
export * from './defaultEngagementModel.ts';
export * from './forecast.ts';
export * from './random.ts';
export * from './compareTraces.ts';
export * from './forecastShortfalls.ts';
