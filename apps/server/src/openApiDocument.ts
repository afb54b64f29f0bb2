import { z } from 'zod';
import { ErrorBody, apiRoutes, type ApiRoute } from '@hourglass/api';
import { Contact, Flow, Problem, ScoringModel, Trace, documentJsonSchemas } from '@hourglass/documents';

// Documents are referenced by name; the API's own envelopes are generated from their schemas.
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const documentNames = new Map<z.ZodType, string>([
  [Flow, 'Flow'],
  [ScoringModel, 'ScoringModel'],
  [Trace, 'Trace'],
  [Contact, 'Contact'],
]);

function schemaOf(s: z.ZodType, io: 'input' | 'output') {
  const name = documentNames.get(s);
  return name ? ref(name) : jsonSchemaOf(s, io);
}

function jsonSchemaOf(s: z.ZodType, io: 'input' | 'output' = 'output') {
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
  for (const op of Object.values(apiRoutes) as ApiRoute[]) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        required: name === 'flow' && op.path.endsWith('/trace'),
        description,
        schema: { type: 'string' },
      })),
    ];
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      summary: op.summary,
      ...(op.manualClockOnly ? { description: 'Exists only when the server was started with HOURGLASS_CLOCK=manual.' } : {}),
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } } : {}),
      ...(op.rawBody ? { requestBody: { required: true, content: { [op.rawBody]: { schema: { type: 'string' } } } } } : {}),
      responses: {
        [status]: op.answer
          ? { description: 'Success', content: { 'application/json': { schema: schemaOf(op.answer, 'output') } } }
          : { description: 'Success' },
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
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'hourglass_session',
          description:
            'A session id, set by opening a sign-in link (/?token=TOKEN or a one-time /?code=…). Requests that change something must come from the app itself (Origin).',
        },
      },
      schemas: {
        Flow: strip(documents.flow),
        ScoringModel: strip(documents.scoring),
        Scenario: strip(documents.scenario),
        Trace: jsonSchemaOf(Trace),
        Contact: jsonSchemaOf(Contact),
        Problem: jsonSchemaOf(Problem),
        Error: jsonSchemaOf(ErrorBody),
      },
    },
  };
}
