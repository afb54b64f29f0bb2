// Regenerates packages/documents/schemas/*.schema.json from the zod schemas (npm run schema).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaText } from '../src/jsonSchema.ts';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const kind of ['flow', 'scoring', 'scenario', 'engagement'] as const) {
  writeFileSync(`${dir}${kind}.schema.json`, jsonSchemaText(kind));
  console.log(`wrote schemas/${kind}.schema.json`);
}
