import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedWorkspace } from './seedWorkspace.ts';
import { createTestApp, welcomeFlow, type TestApp } from './testApp.ts';

let t: TestApp;
let dir: string;
afterEach(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedWorkspace', () => {
  it('imports every flow as a draft to start from, publishes none of them, and sets the scoring model', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-seed-'));
    writeFileSync(join(dir, 'welcome.flow.json'), JSON.stringify(welcomeFlow()));
    writeFileSync(join(dir, 'unfinished.flow.json'), JSON.stringify({ ...welcomeFlow('unfinished'), edges: [] }));
    writeFileSync(join(dir, 'scoring.json'), JSON.stringify({ format: 'hourglass.scoring/1', behaviour: [{ event: 'signup', points: 3 }] }));
    t = createTestApp();
    expect(await seedWorkspace(t.runtime.workspace, dir)).toEqual({ drafts: ['unfinished', 'welcome'], scoring: true, skipped: [] });
    const flows = (await t.call('GET', '/api/flows')).body.flows;
    // Nothing is live: a contact of a fresh workspace enters no sample flow by surprise.
    expect(Object.fromEntries(flows.map((f: { id: string; publishedVersion: number | null }) => [f.id, f.publishedVersion]))).toEqual({
      welcome: null,
      unfinished: null,
    });
    expect(t.runtime.workspace.isLive('welcome')).toBe(false);
    expect((await t.call('GET', '/api/scoring')).body.behaviour).toEqual([{ event: 'signup', points: 3 }]);
  });

  it('seeds nothing from an empty or missing folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-seed-'));
    t = createTestApp();
    expect(await seedWorkspace(t.runtime.workspace, dir)).toEqual({ drafts: [], scoring: false, skipped: [] });
    expect(await seedWorkspace(t.runtime.workspace, join(dir, 'missing'))).toEqual({ drafts: [], scoring: false, skipped: [] });
  });
});
