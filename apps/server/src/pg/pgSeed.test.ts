import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { welcomeFlow } from '../testApp.ts';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';
import { startPgTestServer } from './pgTestServer.ts';

let schema: TestSchema;
let root: string;
beforeAll(async () => {
  schema = await createTestSchema();
  root = mkdtempSync(join(tmpdir(), 'hourglass-pg-seed-'));
  mkdirSync(join(root, 'workflows'));
  writeFileSync(join(root, 'workflows', 'welcome.flow.json'), JSON.stringify(welcomeFlow()));
});
afterAll(async () => {
  await schema?.drop();
  rmSync(root, { recursive: true, force: true });
});

describe('a new workspace on PostgreSQL', () => {
  it('is seeded from workflows/ by the first worker only, so a later one does not undo a change', async () => {
    const first = await startPgTestServer(schema, {}, root);
    try {
      expect((await first.call('GET', '/api/flows')).body.flows.map((f: { id: string }) => f.id)).toEqual(['welcome']);
      expect((await first.call('PUT', '/api/flows/welcome', { ...welcomeFlow(), name: 'Changed' })).status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startPgTestServer(schema, {}, root);
    try {
      expect((await second.call('GET', '/api/flows/welcome')).body.flow.name).toBe('Changed');
    } finally {
      await second.close();
    }
  });
});
