import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './db/migrate.ts';
import { SettingsRepository } from './settingsRepository.ts';
import { hashToken, setUpToken, tokenMatches } from './token.ts';

const settingsOf = () => {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  return { db, settings: new SettingsRepository(db) };
};

describe('the API token', () => {
  it('is generated on first start, stored only as its SHA-256, and not shown again', () => {
    const { db, settings } = settingsOf();
    const first = setUpToken(settings, undefined);
    expect(first.generated).toBe(true);
    expect(first.token!.length).toBeGreaterThanOrEqual(32);
    const stored = JSON.stringify(db.prepare('SELECT * FROM settings').all());
    expect(stored).not.toContain(first.token);
    expect(stored).toContain(hashToken(first.token!).toString('hex'));
    const later = setUpToken(settings, undefined);
    expect(later.generated).toBe(false);
    expect(later.token).toBeUndefined();
    expect(tokenMatches(first.token, later.hash)).toBe(true);
  });

  it('is HOURGLASS_TOKEN when set, replacing a generated one', () => {
    const { settings } = settingsOf();
    const generated = setUpToken(settings, undefined).token;
    const fromEnv = setUpToken(settings, 'my-token');
    expect(tokenMatches('my-token', fromEnv.hash)).toBe(true);
    expect(tokenMatches(generated, setUpToken(settings, undefined).hash)).toBe(false);
  });

  it('matches nothing when missing or wrong', () => {
    const hash = hashToken('right');
    expect([tokenMatches(undefined, hash), tokenMatches('', hash), tokenMatches('wrong', hash), tokenMatches('right', hash)]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});
