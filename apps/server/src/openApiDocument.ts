import { z } from 'zod';
import { Contact, Problem, Trace, documentJsonSchemas } from '@hourglass/documents';
import * as S from './apiSchemas.ts';
import { ContactExport } from './contactExport.ts';
import { EmailSettings } from './emailSettings.ts';
import { SessionState } from './routes/session.ts';

interface Operation {
  method: 'get' | 'put' | 'post' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType | string;
  status?: number;
  answer?: z.ZodType | string;
  query?: Record<string, string>;
  public?: boolean;
  manualClockOnly?: boolean;
}

// Documents are referenced by name; the API's own envelopes are generated from their schemas.
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const operations: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Whether the server is up', answer: S.Health, public: true },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', public: true },
  { method: 'get', path: '/api/session', summary: 'Whether the request is signed in, by token or by a session cookie', answer: SessionState, public: true },
  { method: 'post', path: '/api/session/logout', summary: 'Sign out: end the session of the cookie and clear it', status: 204, public: true },
  { method: 'get', path: '/api/flows', summary: 'Every flow with its draft problems, published version and contacts enrolled', answer: S.FlowList },
  { method: 'post', path: '/api/flows', summary: 'Create (import) a flow; 409 when its id exists', body: 'Flow', status: 201, answer: S.SavedFlow },
  { method: 'get', path: '/api/flows/{id}', summary: 'The draft with its validation problems', answer: S.FlowDraft },
  { method: 'put', path: '/api/flows/{id}', summary: 'Save the draft (saved even with validation errors)', body: 'Flow', answer: S.SavedFlow },
  { method: 'delete', path: '/api/flows/{id}', summary: 'Delete a flow; 409 while contacts are enrolled unless removeEnrolments=true', status: 204, query: { removeEnrolments: 'true to remove enrolled contacts too' } },
  { method: 'post', path: '/api/flows/{id}/publish', summary: 'Publish the draft as a new immutable version; 422 with problems when it has errors', body: S.PublishBody, status: 201, answer: S.PublishedVersion },
  { method: 'get', path: '/api/flows/{id}/versions', summary: 'Published versions, newest first', answer: S.VersionList },
  { method: 'get', path: '/api/flows/{id}/versions/{version}', summary: 'One published version', answer: S.FlowVersion },
  { method: 'get', path: '/api/flows/{id}/export', summary: 'The draft flow document as a file', answer: 'Flow' },
  { method: 'get', path: '/api/flows/{id}/enrolments', summary: 'Enrolments (newest first) and active contacts waiting on each node', answer: S.FlowEnrolments, query: { limit: 'at most this many enrolments (default 500)' } },
  { method: 'post', path: '/api/flows/{id}/enrolments', summary: 'Enrol a contact by hand (manual trigger); 409 with a reason when refused', body: S.EnrolBody, status: 201, answer: S.EnrolAnswer },
  { method: 'delete', path: '/api/flows/{id}/enrolments/{enrolmentId}', summary: 'Remove a contact from a flow', status: 204 },
  { method: 'get', path: '/api/flows/{id}/scenarios', summary: 'The scenarios saved with the flow, with their expected traces', answer: S.ScenarioList },
  { method: 'put', path: '/api/flows/{id}/scenarios/{name}', summary: 'Save a scenario (and the trace it is expected to give) under a name', body: S.ScenarioBody, answer: S.SavedScenario },
  { method: 'delete', path: '/api/flows/{id}/scenarios/{name}', summary: 'Delete a saved scenario', status: 204 },
  { method: 'get', path: '/api/templates', summary: 'The template flows of workflows/', answer: S.TemplateList },
  { method: 'get', path: '/api/scoring', summary: 'The scoring model', answer: 'ScoringModel' },
  { method: 'put', path: '/api/scoring', summary: 'Replace the scoring model; 422 with problems when invalid', body: 'ScoringModel', answer: 'ScoringModel' },
  { method: 'get', path: '/api/contacts', summary: 'Contacts with their score, most recently changed first', answer: S.ContactList, query: { search: 'text in the id, email or properties', limit: 'default 50' } },
  { method: 'post', path: '/api/contacts/import', summary: 'Import contacts from a CSV file (Content-Type: text/csv, at most 50 MiB): created, updated, unchanged and failed rows', answer: S.ContactImportSummary, query: { dryRun: 'true to check and count without writing', key: 'email (default) or id: how a row finds its contact' } },
  { method: 'get', path: '/api/contacts/{id}', summary: 'A contact with its score split, recent events and enrolments', answer: S.ContactDetail },
  { method: 'put', path: '/api/contacts/{id}', summary: 'Create or update a contact (an update is an input to the flows)', body: S.ContactChangesBody, answer: 'Contact' },
  { method: 'delete', path: '/api/contacts/{id}', summary: 'Erase a contact and everything about it', status: 204 },
  { method: 'get', path: '/api/contacts/{id}/export', summary: 'Everything stored about a contact, as a file (hourglass.contact-export/1)', answer: ContactExport },
  { method: 'get', path: '/api/contacts/{id}/trace', summary: 'What happened to the contact in a flow (hourglass.trace/1, as of now)', answer: 'Trace', query: { flow: 'the flow id (required)' } },
  { method: 'post', path: '/api/events', summary: 'Ingest one event or {"events": [...]} (up to 1,000); repeated ids are ignored. Answered once processed, or with the header "Prefer: respond-async" once durably accepted (processed in arrival order right after)', body: z.union([S.EventInput, S.EventBatch]), status: 202, answer: S.EventsAccepted },
  { method: 'get', path: '/api/events/failed', summary: 'Accepted events that could not be processed, with the error, most recent first (kept, never dropped)', answer: S.FailedEventList, query: { limit: 'default 100, at most 1,000' } },
  { method: 'get', path: '/api/handoffs', summary: 'The sales inbox', answer: S.HandoffList, query: { owner: 'an owner', status: 'open, accepted or rejected', flow: 'a flow id', contact: 'a contact id' } },
  { method: 'post', path: '/api/handoffs/{id}/feedback', summary: 'The verdict of sales; flows receive it as a sales_feedback event', body: S.FeedbackBody, answer: S.Handoff },
  { method: 'get', path: '/api/outbox', summary: 'Emails sent, suppressed, failed or pending', answer: S.OutboxList, query: { flow: 'a flow id', contact: 'a contact id', status: 'sent, suppressed, failed or pending', kind: 'marketing or notification' } },
  { method: 'get', path: '/api/settings/email', summary: 'The email settings: sender, footer (postal address) and the layout\'s colours and logo', answer: EmailSettings },
  { method: 'put', path: '/api/settings/email', summary: 'Replace the email settings (they apply to emails leaving from now on)', body: EmailSettings, answer: EmailSettings },
  { method: 'post', path: '/api/simulate', summary: 'Run a scenario through a flow (the same engine as the CLI)', body: S.SimulateBody, answer: 'Trace' },
  { method: 'post', path: '/api/admin/clock', summary: 'Set or move the test clock and fire every timer due by then (HOURGLASS_CLOCK=manual only)', body: S.ClockBody, answer: S.ClockAnswer, manualClockOnly: true },
];

function schemaOf(s: z.ZodType | string, io: 'input' | 'output') {
  if (typeof s === 'string') return ref(s);
  const { $schema: _drop, ...schema } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return schema;
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

/** The OpenAPI 3.1 document of the API, generated from the schemas the server validates with. */
export function openApiDocument(): Record<string, unknown> {
  const documents = documentJsonSchemas();
  const strip = (s: Record<string, unknown>) => {
    const { $schema: _drop, ...rest } = s;
    return rest;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: name === 'flow' && op.path.endsWith('/trace'), description, schema: { type: 'string' } })),
    ];
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.manualClockOnly ? { description: 'Exists only when the server was started with HOURGLASS_CLOCK=manual.' } : {}),
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } } : {}),
      responses: {
        [status]: op.answer ? { description: 'Success', content: { 'application/json': { schema: schemaOf(op.answer, 'output') } } } : { description: 'Success' },
        ...(op.public ? {} : { 401: error('No token, or a wrong one') }),
        ...(op.body ? { 400: error('Malformed JSON or a body that does not match the schema'), 413: error('The body is too large') } : {}),
        ...(op.path.includes('{') ? { 404: error('Unknown flow, contact, enrolment, version or handoff') } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hourglass API', version: '1', description: 'The runtime of published flows and the API of the Hourglass editor (docs/api.md).' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The API token (HOURGLASS_TOKEN, or the one printed on first start).' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'hourglass_session', description: 'A session id, set by opening a sign-in link (/?token=TOKEN or a one-time /?code=…). Requests that change something must come from the app itself (Origin).' },
      },
      schemas: {
        Flow: strip(documents.flow),
        ScoringModel: strip(documents.scoring),
        Scenario: strip(documents.scenario),
        Trace: schemaOf(Trace, 'output'),
        Contact: schemaOf(Contact, 'output'),
        Problem: schemaOf(Problem, 'output'),
        Error: schemaOf(S.ErrorBody, 'output'),
      },
    },
  };
}
