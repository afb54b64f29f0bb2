import { describe, expect, it } from 'vitest';
import { createLiquid } from './createLiquid.ts';

describe('createLiquid', () => {
  it('has a file system that holds no file, so no path reaches the disk', () => {
    const liquid = createLiquid();
    // package.json sits in the working directory of every test run and server start.
    expect(() => liquid.renderFileSync('package.json')).toThrow(/ENOENT|Failed to lookup/);
    expect(() => liquid.parseFileSync('../../package.json')).toThrow(/ENOENT|Failed to lookup/);
    expect(liquid.options.fs.existsSync('package.json')).toBe(false);
  });
});
