import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentJsonSchemas, jsonSchemaText } from './jsonSchema.ts';

describe('JSON Schemas', () => {
  it.each(['flow', 'scoring', 'scenario', 'engagement'] as const)('keeps the committed %s schema in step with the zod schema (npm run schema)', (kind) => {
    const committed = readFileSync(new URL(`../schemas/${kind}.schema.json`, import.meta.url), 'utf8');
    expect(committed).toBe(jsonSchemaText(kind));
  });

  it('describes the node types an editor can offer', () => {
    const schema = JSON.stringify(documentJsonSchemas().flow);
    for (const type of ['trigger', 'wait', 'waitFor', 'sendEmail', 'condition', 'split', 'update', 'handoff', 'exit']) {
      expect(schema).toContain(`"const":"${type}"`);
    }
  });
});
