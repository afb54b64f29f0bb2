/**
 * The Hourglass compiler: a pure function from a flow document to an XState v5 machine config.
 * @packageDocumentation
 */
export * from './compileFlow.ts';
