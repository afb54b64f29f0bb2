import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from './webBuild.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ensureWebBuilt', () => {
  it('does nothing when the web app is already built', () => {
    root = mkdtempSync(join(tmpdir(), 'hourglass-web-'));
    mkdirSync(join(root, 'apps/web/dist'), { recursive: true });
    writeFileSync(join(root, 'apps/web/dist/index.html'), '');
    expect(ensureWebBuilt(root, () => {})).toBe('already-built');
  });

  it('skips the build while there is no web app to build', () => {
    root = mkdtempSync(join(tmpdir(), 'hourglass-web-'));
    expect(ensureWebBuilt(root, () => {})).toBe('no-web-app');
  });
});
