/**
 * The Hourglass HTTP API contract (docs/api.md): the schemas of request bodies and answers and
 * the table of routes. Shared by the server, which validates with them and generates its OpenAPI
 * document from them, and the web app, whose calls are typed by them. Isomorphic: no Node or DOM.
 * @packageDocumentation
 */
export * from './apiCallTypes.ts';
export * from './apiRoutes.ts';
export * from './apiSchemas.ts';
export * from './contactExport.ts';
export * from './emailSettings.ts';
export * from './sessionState.ts';
export * from './forms.ts';
export * from './migrations.ts';
export * from './publicSettings.ts';
export * from './probabilityBest.ts';
export * from './flowReport.ts';
export * from './knownProperties.ts';
export * from './flowNotes.ts';
export * from './contactMix.ts';
export * from './handoffVerdicts.ts';
export * from './scoreBand.ts';
