import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('readConfig', () => {
  it('defaults to port 8080, ./data/hourglass.db where npm start was run, seeding and the system clock', () => {
    expect(readConfig({ INIT_CWD: '/home/me/hourglass' }, '/elsewhere')).toEqual({
      port: 8080,
      dbPath: '/home/me/hourglass/data/hourglass.db',
      seed: true,
      manualClock: false,
      mailFrom: 'Hourglass <hourglass@localhost>',
      buildWeb: true,
      trustProxy: false,
    });
  });

  it('reads every setting from the environment', () => {
    expect(
      readConfig(
        {
          PORT: '9000',
          HOURGLASS_DB: '/tmp/x.db',
          HOURGLASS_TOKEN: 'a-token-of-at-least-thirty-two-characters',
          HOURGLASS_SEED: 'none',
          HOURGLASS_CLOCK: 'manual',
          SMTP_URL: 'smtp://localhost:2525',
          HOST: '127.0.0.1',
          HOURGLASS_BUILD: 'none',
          HOURGLASS_WEB_DIST: 'build/web',
        },
        '/srv',
      ),
    ).toMatchObject({
      port: 9000,
      dbPath: '/tmp/x.db',
      token: 'a-token-of-at-least-thirty-two-characters',
      seed: false,
      manualClock: true,
      smtpUrl: 'smtp://localhost:2525',
      host: '127.0.0.1',
      buildWeb: false,
      webDist: '/srv/build/web',
    });
  });

  it.each([
    'a@x.example, b@evil.example',
    'Hourglass <a@x.example>\r\nBcc: b@evil.example',
    'undisclosed:a@evil.example,b@evil.example;',
    'Sales, Inc <a@x.example>',
  ])('refuses the sender SMTP_FROM=%j with a sentence', (from) => {
    expect(() => readConfig({ SMTP_FROM: from })).toThrow(/^SMTP_FROM must be one sender, like "Acme <news@acme.com>": .+/);
  });

  it('accepts a sender with a display name in SMTP_FROM', () => {
    expect(readConfig({ SMTP_FROM: 'Acme News <news@acme.example>' }).mailFrom).toBe('Acme News <news@acme.example>');
  });

  it('refuses a HOURGLASS_TOKEN shorter than 32 characters, saying how long it must be', () => {
    expect(() => readConfig({ HOURGLASS_TOKEN: 'x'.repeat(31) })).toThrow(/HOURGLASS_TOKEN must be at least 32 characters long \(it has 31\)/);
    expect(readConfig({ HOURGLASS_TOKEN: 'x'.repeat(32) }).token).toBe('x'.repeat(32));
  });

  it("trusts a proxy's X-Forwarded-* headers only with HOURGLASS_TRUST_PROXY=1", () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ HOURGLASS_TRUST_PROXY: '1' }).trustProxy).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }],
    [{ HOURGLASS_TRUST_PROXY: 'yes' }],
    [{ HOURGLASS_CLOCK: 'fast' }],
    [{ HOURGLASS_SEED: 'some' }],
    [{ SMTP_URL: 'http://mail' }],
    [{ HOURGLASS_BUILD: 'always' }],
  ])('refuses %j with a sentence', (env) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
  });

  it('reads HOURGLASS_PUBLIC_URL as an origin without a trailing slash, and HOURGLASS_SECRET', () => {
    expect(readConfig({ HOURGLASS_PUBLIC_URL: 'https://mail.acme.test/', HOURGLASS_SECRET: 's'.repeat(32) })).toMatchObject({
      publicUrl: 'https://mail.acme.test',
      secret: 's'.repeat(32),
    });
    expect(readConfig({ HOURGLASS_PUBLIC_URL: 'https://acme.test/hourglass/' }).publicUrl).toBe('https://acme.test/hourglass');
  });

  it.each([
    [{ HOURGLASS_PUBLIC_URL: 'mail.acme.test' }],
    [{ HOURGLASS_PUBLIC_URL: 'ftp://acme.test' }],
    [{ HOURGLASS_PUBLIC_URL: 'https://acme.test/?x=1' }],
    [{ HOURGLASS_SECRET: 'short' }],
  ])('refuses %j with a sentence', (env) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
  });

  it('selects PostgreSQL for a postgres:// HOURGLASS_DB, with its schema, and keeps SQLite the default', () => {
    const token = 't'.repeat(32);
    expect(readConfig({ HOURGLASS_DB: 'postgres://hg@db:5432/hourglass', HOURGLASS_PG_SCHEMA: 'team_a', HOURGLASS_TOKEN: token })).toMatchObject({
      postgresUrl: 'postgres://hg@db:5432/hourglass',
      postgresSchema: 'team_a',
    });
    expect(readConfig({})).not.toHaveProperty('postgresUrl');
    expect(() => readConfig({ HOURGLASS_DB: 'postgres://hg@db:5432/hourglass' })).toThrow('set HOURGLASS_TOKEN, the same on every worker');
    expect(() => readConfig({ HOURGLASS_DB: 'postgres://hg@db:5432/x', HOURGLASS_PG_SCHEMA: 'a;drop', HOURGLASS_TOKEN: token })).toThrow(
      'HOURGLASS_PG_SCHEMA must be a plain schema name',
    );
    expect(() => readConfig({ HOURGLASS_DB: 'postgres://hg:pw@db:port/x', HOURGLASS_TOKEN: token })).toThrow('HOURGLASS_DB is not a valid connection string');
  });
});
