import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './db/migrate.ts';
import { publicSecret, signToken, verifyToken } from './publicToken.ts';
import { SettingsRepository } from './settingsRepository.ts';

const secret = Buffer.from('a-secret-of-at-least-thirty-two-characters');
const other = Buffer.from('another-secret-of-thirty-two-characters!!');

describe('public tokens', () => {
  it('name what they were signed for, in URL-safe characters', () => {
    const token = signToken(secret, 't', ['email-1', 'https://acme.test/a?b=c&d=é']);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(secret, 't', token)).toEqual(['email-1', 'https://acme.test/a?b=c&d=é']);
  });

  it('refuses a token signed with another secret, made for another purpose, or forged', () => {
    const token = signToken(secret, 'u', ['email-1']);
    expect(verifyToken(other, 'u', token)).toBeUndefined();
    expect(verifyToken(secret, 'o', token)).toBeUndefined();
    const forgedPayload = Buffer.from(JSON.stringify(['u', 'email-2'])).toString('base64url');
    expect(verifyToken(secret, 'u', `${forgedPayload}.${token.split('.')[1]}`)).toBeUndefined();
    expect(verifyToken(secret, 'u', `${forgedPayload}.${'A'.repeat(43)}`)).toBeUndefined();
  });

  it('refuses a truncated or altered token', () => {
    const token = signToken(secret, 'o', ['email-1']);
    for (const cut of [token.slice(0, -1), token.slice(0, token.indexOf('.')), token.slice(1), `${token}A`, '', '.', 'x.y']) {
      expect(verifyToken(secret, 'o', cut)).toBeUndefined();
    }
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      // base64url's last character may carry unused bits; an alteration there can decode alike.
      const same =
        Buffer.from(altered.split('.')[1] ?? '', 'base64url').equals(Buffer.from(token.split('.')[1]!, 'base64url')) &&
        altered.split('.')[0] === token.split('.')[0];
      if (!same) expect(verifyToken(secret, 'o', altered)).toBeUndefined();
    }
  });

  it('keeps a generated secret in the settings table, and prefers HOURGLASS_SECRET', () => {
    const db = new Database(':memory:');
    migrate(db);
    const settings = new SettingsRepository(db);
    const first = publicSecret(settings);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(publicSecret(settings).equals(first)).toBe(true);
    expect(publicSecret(settings, 'x'.repeat(40)).toString()).toBe('x'.repeat(40));
  });
});
