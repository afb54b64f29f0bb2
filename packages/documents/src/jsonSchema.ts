import { z } from 'zod';
import { Flow } from './flow.ts';
import { ScoringModel } from './scoring.ts';
import { Scenario } from './scenario.ts';
import { EngagementModel } from './engagement.ts';

/** JSON Schemas generated from the zod schemas, so editors can autocomplete documents. */
export type SchemaKind = 'flow' | 'scoring' | 'scenario' | 'engagement';

export function documentJsonSchemas(): Record<SchemaKind, Record<string, unknown>> {
  const make = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    title,
  });
  return {
    flow: make(Flow, 'Hourglass flow (hourglass.flow/1)'),
    scoring: make(ScoringModel, 'Hourglass scoring model (hourglass.scoring/1)'),
    scenario: make(Scenario, 'Hourglass scenario (hourglass.scenario/1)'),
    engagement: make(EngagementModel, 'Hourglass engagement model for forecasts (hourglass.engagement/1)'),
  };
}

/** The text of a generated schema file, as committed in packages/documents/schemas/. */
export function jsonSchemaText(kind: SchemaKind): string {
  return JSON.stringify(documentJsonSchemas()[kind], null, 2) + '\n';
}
