/**
 * Test support for stores, `@hourglass/engine/testing`: the store contract every `Store` passes
 * and the history property it includes. It imports vitest, so only tests import this entry.
 * @packageDocumentation
 */
export * from './storeContract.ts';
export * from './historyProperty.ts';
