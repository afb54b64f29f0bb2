/**
 * Hourglass documents, version 1: the zod schemas of the flow, scoring model, scenario and trace
 * documents (the single source of truth for their types), and their validation.
 * @packageDocumentation
 */
export * from './assertNever.ts';
export * from './common.ts';
export * from './documentLimits.ts';
export * from './createLiquid.ts';
export * from './templateProblem.ts';
export * from './templateVariables.ts';
export * from './duration.ts';
export * from './emailAddress.ts';
export * from './emailColors.ts';
export * from './flow.ts';
export * from './ports.ts';
export * from './problem.ts';
export * from './readDocument.ts';
export * from './scenario.ts';
export * from './scoring.ts';
export * from './stages.ts';
export * from './time.ts';
export * from './trace.ts';
export * from './validateFlow.ts';
export { plainMessage, problemsFromZod } from './zodProblems.ts';
export * from './jsonSchema.ts';
export * from './engagement.ts';
export * from './diffFlows.ts';
export * from './describeFlowDiff.ts';
export * from './triggerOverlap.ts';
export * from './validateForPublishing.ts';
