import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
let dir: string;
afterEach(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('templates', () => {
  it('lists the flow documents of the templates folder and skips files that are not flows', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-templates-'));
    writeFileSync(join(dir, 'b.flow.json'), JSON.stringify(welcomeFlow('b')));
    writeFileSync(join(dir, 'a.flow.json'), JSON.stringify(welcomeFlow('a')));
    writeFileSync(join(dir, 'broken.flow.json'), '{ not json');
    writeFileSync(join(dir, 'scoring.json'), JSON.stringify({ format: 'hourglass.scoring/1' }));
    t = createTestApp({ templatesDir: dir });
    const r = await t.call('GET', '/api/templates');
    expect(r.body.templates.map((f: { id: string }) => f.id)).toEqual(['a', 'b']);
  });

  it('lists nothing when the folder is missing', async () => {
    dir = join(tmpdir(), 'no-such-templates');
    t = createTestApp({ templatesDir: dir });
    expect((await t.call('GET', '/api/templates')).body).toEqual({ templates: [] });
  });
});
