import { z } from 'zod';
import { Contact, Flow, ScoringModel, Trace } from '@hourglass/documents';
import * as S from './apiSchemas.ts';
import { ContactExport } from './contactExport.ts';
import { EmailSettings } from './emailSettings.ts';
import { FlowReport } from './flowReport.ts';
import { KnownProperties } from './knownProperties.ts';
import { FlowNotes } from './flowNotes.ts';
import { ContactMix } from './contactMix.ts';
import { ScoringFeedback } from './handoffVerdicts.ts';
import { FormBody, Form, FormList } from './forms.ts';
import * as M from './migrations.ts';
import { PublicSettings } from './publicSettings.ts';
import { SessionState } from './sessionState.ts';

/**
 * One operation of the API. The server's OpenAPI document is generated from these, and the web
 * client calls operations by name, so its paths, bodies and answers are checked at compile time.
 */
export interface ApiRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Under the server's root, with `{name}` for a path parameter. */
  path: string;
  summary: string;
  /** A JSON body (a document of @hourglass/documents is referenced by name in OpenAPI). */
  body?: z.ZodType;
  /** A body that is not JSON: its content type. */
  rawBody?: string;
  status?: number;
  answer?: z.ZodType;
  /** The query parameters, with what each means. */
  query?: Record<string, string>;
  /** Needs no sign-in. */
  public?: boolean;
  /** Exists only when the server was started with HOURGLASS_CLOCK=manual. */
  manualClockOnly?: boolean;
}

export const apiRoutes = {
  health: { method: 'GET', path: '/api/health', summary: 'Whether the server is up', answer: S.Health, public: true },
  openApi: { method: 'GET', path: '/api/openapi.json', summary: 'This document', public: true },
  session: {
    method: 'GET',
    path: '/api/session',
    summary: 'Whether the request is signed in, by token or by a session cookie',
    answer: SessionState,
    public: true,
  },
  logout: { method: 'POST', path: '/api/session/logout', summary: 'Sign out: end the session of the cookie and clear it', status: 204, public: true },
  listFlows: { method: 'GET', path: '/api/flows', summary: 'Every flow with its draft problems, published version and contacts enrolled', answer: S.FlowList },
  createFlow: { method: 'POST', path: '/api/flows', summary: 'Create (import) a flow; 409 when its id exists', body: Flow, status: 201, answer: S.SavedFlow },
  getFlow: { method: 'GET', path: '/api/flows/{id}', summary: 'The draft with its validation problems', answer: S.FlowDraft },
  saveFlow: { method: 'PUT', path: '/api/flows/{id}', summary: 'Save the draft (saved even with validation errors)', body: Flow, answer: S.SavedFlow },
  deleteFlow: {
    method: 'DELETE',
    path: '/api/flows/{id}',
    summary: 'Delete a flow; 409 while contacts are enrolled unless removeEnrolments=true',
    status: 204,
    query: { removeEnrolments: 'true to remove enrolled contacts too' },
  },
  publishFlow: {
    method: 'POST',
    path: '/api/flows/{id}/publish',
    summary:
      'Publish the draft as a new immutable version; 422 with problems when it has errors (a step no trigger reaches is one), 409 with reason "unchanged" when it is the live version again',
    body: S.PublishBody,
    status: 201,
    answer: S.PublishedVersion,
  },
  publishCheck: {
    method: 'GET',
    path: '/api/flows/{id}/publish-check',
    summary:
      'What publishing the saved draft would meet: the live version, the contacts in the flow now, and triggers that let in contacts another live flow lets in too',
    answer: S.PublishCheck,
  },
  listVersions: { method: 'GET', path: '/api/flows/{id}/versions', summary: 'Published versions, newest first', answer: S.VersionList },
  getVersion: { method: 'GET', path: '/api/flows/{id}/versions/{version}', summary: 'One published version', answer: S.FlowVersion },
  exportFlow: { method: 'GET', path: '/api/flows/{id}/export', summary: 'The draft flow document as a file', answer: S.FlowDocument },
  listEnrolments: {
    method: 'GET',
    path: '/api/flows/{id}/enrolments',
    summary: 'Enrolments (newest first) and active contacts waiting on each node',
    answer: S.FlowEnrolments,
    query: { limit: 'at most this many enrolments (default 500)' },
  },
  enrol: {
    method: 'POST',
    path: '/api/flows/{id}/enrolments',
    summary: 'Enrol a contact by hand (manual trigger); 409 with a reason when refused',
    body: S.EnrolBody,
    status: 201,
    answer: S.EnrolAnswer,
  },
  removeEnrolment: { method: 'DELETE', path: '/api/flows/{id}/enrolments/{enrolmentId}', summary: 'Remove a contact from a flow', status: 204 },
  moveEnrolment: {
    method: 'POST',
    path: '/api/flows/{id}/enrolments/{enrolmentId}/move',
    summary: "Move one contact onto another step (of its version, or of another version), or out of the flow (node null); in line with the contact's inputs",
    body: M.MoveEnrolmentBody,
    answer: S.EnrolAnswer,
  },
  previewMigration: {
    method: 'POST',
    path: '/api/flows/{id}/migrations/preview',
    summary:
      'What moving the contacts of one version to another would do: contacts per node and where they go, problems, and a few contacts simulated forward both ways',
    body: M.MigrationBody,
    answer: M.MigrationPreview,
  },
  migrate: {
    method: 'POST',
    path: '/api/flows/{id}/migrations',
    summary: 'Move the contacts of one version to another (in slices, in line with other inputs; resumed after a restart); 422 with problems when refused',
    body: M.MigrationBody,
    status: 201,
    answer: M.MigrationAnswer,
  },
  listMigrations: {
    method: 'GET',
    path: '/api/flows/{id}/migrations',
    summary: "The flow's migrations, newest first, with their counts",
    answer: M.MigrationList,
  },
  getPause: { method: 'GET', path: '/api/flows/{id}/pause', summary: 'Whether the flow is paused', answer: M.PauseState },
  pauseFlow: {
    method: 'POST',
    path: '/api/flows/{id}/pause',
    summary: 'Pause a flow: it enrols nobody and fires no timers until resumed',
    answer: M.PauseState,
  },
  resumeFlow: {
    method: 'POST',
    path: '/api/flows/{id}/resume',
    summary: 'Resume a paused flow: timers due meanwhile fire in order (optionally without sending emails whose moment passed)',
    body: M.ResumeBody,
    answer: M.ResumeAnswer,
  },
  flowReport: {
    method: 'GET',
    path: '/api/flows/{id}/report',
    summary:
      "How the flow performed: enrolments, steps per node and port, emails, splits with the probability each branch is best, handoffs with sales' verdicts",
    answer: FlowReport,
    query: {
      from: 'first UTC day of entry, YYYY-MM-DD (included)',
      to: 'UTC day of entry where the range ends, YYYY-MM-DD (excluded)',
      version: 'only enrolments of this version',
    },
  },
  listScenarios: {
    method: 'GET',
    path: '/api/flows/{id}/scenarios',
    summary: 'The scenarios saved with the flow, with their expected traces',
    answer: S.ScenarioList,
  },
  saveScenario: {
    method: 'PUT',
    path: '/api/flows/{id}/scenarios/{name}',
    summary: 'Save a scenario (and the trace it is expected to give) under a name',
    body: S.ScenarioBody,
    answer: S.SavedScenario,
  },
  deleteScenario: { method: 'DELETE', path: '/api/flows/{id}/scenarios/{name}', summary: 'Delete a saved scenario', status: 204 },
  getFlowNotes: { method: 'GET', path: '/api/flows/{id}/notes', summary: "The notes on the flow's canvas (not part of the flow document)", answer: FlowNotes },
  saveFlowNotes: {
    method: 'PUT',
    path: '/api/flows/{id}/notes',
    summary: "Replace the notes on the flow's canvas",
    body: FlowNotes,
    answer: FlowNotes,
  },
  listTemplates: { method: 'GET', path: '/api/templates', summary: 'The template flows of workflows/', answer: S.TemplateList },
  getScoring: { method: 'GET', path: '/api/scoring', summary: 'The scoring model', answer: ScoringModel },
  saveScoring: {
    method: 'PUT',
    path: '/api/scoring',
    summary: 'Replace the scoring model; 422 with problems when invalid',
    body: ScoringModel,
    answer: ScoringModel,
  },
  scoringFeedback: {
    method: 'GET',
    path: '/api/scoring/feedback',
    summary: "Handoffs of every flow by score band (10 points wide) with sales' verdicts: accepted, rejected, open",
    answer: ScoringFeedback,
  },
  listContacts: {
    method: 'GET',
    path: '/api/contacts',
    summary: 'Contacts with their score, most recently changed first',
    answer: S.ContactList,
    query: { search: 'text in the id, email or properties', limit: 'default 50' },
  },
  contactMix: {
    method: 'GET',
    path: '/api/contact-mix',
    summary: "How the workspace's contacts spread over stages and property values (for a forecast's cohort)",
    answer: ContactMix,
  },
  importContacts: {
    method: 'POST',
    path: '/api/contacts/import',
    summary: 'Import contacts from a CSV file (Content-Type: text/csv, at most 50 MiB): created, updated, unchanged and failed rows',
    rawBody: 'text/csv',
    answer: S.ContactImportSummary,
    query: { dryRun: 'true to check and count without writing', key: 'email (default) or id: how a row finds its contact' },
  },
  knownProperties: {
    method: 'GET',
    path: '/api/properties',
    summary: 'Contact property names the workspace knows: on its 1,000 newest contacts, its forms and its scoring model',
    answer: KnownProperties,
  },
  getContact: { method: 'GET', path: '/api/contacts/{id}', summary: 'A contact with its score split, recent events and enrolments', answer: S.ContactDetail },
  saveContact: {
    method: 'PUT',
    path: '/api/contacts/{id}',
    summary: 'Create or update a contact (an update is an input to the flows)',
    body: S.ContactChangesBody,
    answer: Contact,
  },
  deleteContact: { method: 'DELETE', path: '/api/contacts/{id}', summary: 'Erase a contact and everything about it', status: 204 },
  exportContact: {
    method: 'GET',
    path: '/api/contacts/{id}/export',
    summary: 'Everything stored about a contact, as a file (hourglass.contact-export/1)',
    answer: ContactExport,
  },
  contactTrace: {
    method: 'GET',
    path: '/api/contacts/{id}/trace',
    summary: 'What happened to the contact in a flow (hourglass.trace/1, as of now)',
    answer: Trace,
    query: { flow: 'the flow id (required)' },
  },
  postEvents: {
    method: 'POST',
    path: '/api/events',
    summary:
      'Ingest one event or {"events": [...]} (up to 1,000); repeated ids are ignored. Answered once processed, or with the header "Prefer: respond-async" once durably accepted (processed in arrival order right after)',
    body: z.union([S.EventInput, S.EventBatch]),
    status: 202,
    answer: S.EventsAccepted,
  },
  failedEvents: {
    method: 'GET',
    path: '/api/events/failed',
    summary: 'Accepted events that could not be processed, with the error, most recent first (kept, never dropped)',
    answer: S.FailedEventList,
    query: { limit: 'default 100, at most 1,000' },
  },
  listHandoffs: {
    method: 'GET',
    path: '/api/handoffs',
    summary: 'The sales inbox',
    answer: S.HandoffList,
    query: { owner: 'an owner', status: 'open, accepted or rejected', flow: 'a flow id', contact: 'a contact id' },
  },
  handoffFeedback: {
    method: 'POST',
    path: '/api/handoffs/{id}/feedback',
    summary: 'The verdict of sales; flows receive it as a sales_feedback event',
    body: S.FeedbackBody,
    answer: S.Handoff,
  },
  getEmailSettings: {
    method: 'GET',
    path: '/api/settings/email',
    summary: "The email settings: sender, footer (postal address) and the layout's colours and logo",
    answer: EmailSettings,
  },
  saveEmailSettings: {
    method: 'PUT',
    path: '/api/settings/email',
    summary: 'Replace the email settings (they apply to emails leaving from now on)',
    body: EmailSettings,
    answer: EmailSettings,
  },
  getPublicSettings: {
    method: 'GET',
    path: '/api/settings/public',
    summary: "Where public links point (HOURGLASS_PUBLIC_URL, or this server's address): hosted forms, their embed script, links in emails",
    answer: PublicSettings,
  },
  listForms: { method: 'GET', path: '/api/forms', summary: 'Every form (public at /f/{id})', answer: FormList },
  getForm: { method: 'GET', path: '/api/forms/{id}', summary: 'One form', answer: Form },
  saveForm: {
    method: 'PUT',
    path: '/api/forms/{id}',
    summary: 'Create or replace a form: its fields (exactly one email field, named email), consent text, double opt-in and redirect',
    body: FormBody,
    answer: Form,
  },
  deleteForm: { method: 'DELETE', path: '/api/forms/{id}', summary: 'Delete a form (consents given through it are kept)', status: 204 },
  listOutbox: {
    method: 'GET',
    path: '/api/outbox',
    summary: 'Emails sent, suppressed, failed or pending',
    answer: S.OutboxList,
    query: { flow: 'a flow id', contact: 'a contact id', status: 'sent, suppressed, failed or pending', kind: 'marketing or notification' },
  },
  simulate: {
    method: 'POST',
    path: '/api/simulate',
    summary: 'Run a scenario through a flow (the same engine as the CLI)',
    body: S.SimulateBody,
    answer: Trace,
  },
  setClock: {
    method: 'POST',
    path: '/api/admin/clock',
    summary: 'Set or move the test clock and fire every timer due by then (HOURGLASS_CLOCK=manual only)',
    body: S.ClockBody,
    answer: S.ClockAnswer,
    manualClockOnly: true,
  },
} as const satisfies Record<string, ApiRoute>;

export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;
