import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('readConfig', () => {
  it('defaults to port 8080, ./data/hourglass.db where npm start was run, seeding and the system clock', () => {
    expect(readConfig({ INIT_CWD: '/home/me/hourglass' }, '/elsewhere')).toEqual({
      port: 8080, dbPath: '/home/me/hourglass/data/hourglass.db', seed: true, manualClock: false, mailFrom: 'Hourglass <hourglass@localhost>', buildWeb: true,
    });
  });

  it('reads every setting from the environment', () => {
    expect(readConfig({ PORT: '9000', HOURGLASS_DB: '/tmp/x.db', HOURGLASS_TOKEN: 't', HOURGLASS_SEED: 'none', HOURGLASS_CLOCK: 'manual', SMTP_URL: 'smtp://localhost:2525', HOST: '127.0.0.1', HOURGLASS_BUILD: 'none', HOURGLASS_WEB_DIST: 'build/web' }, '/srv')).toMatchObject({
      port: 9000, dbPath: '/tmp/x.db', token: 't', seed: false, manualClock: true, smtpUrl: 'smtp://localhost:2525', host: '127.0.0.1', buildWeb: false,
      webDist: '/srv/build/web',
    });
  });

  it.each([
    'a@x.example, b@evil.example', 'Hourglass <a@x.example>\r\nBcc: b@evil.example', 'undisclosed:a@evil.example,b@evil.example;', 'Sales, Inc <a@x.example>',
  ])('refuses the sender SMTP_FROM=%j with a sentence', (from) => {
    expect(() => readConfig({ SMTP_FROM: from })).toThrow(/^SMTP_FROM must be one sender, like "Acme <news@acme.com>": .+/);
  });

  it('accepts a sender with a display name in SMTP_FROM', () => {
    expect(readConfig({ SMTP_FROM: 'Acme News <news@acme.example>' }).mailFrom).toBe('Acme News <news@acme.example>');
  });

  it.each([[{ PORT: 'eighty' }], [{ HOURGLASS_CLOCK: 'fast' }], [{ HOURGLASS_SEED: 'some' }], [{ SMTP_URL: 'http://mail' }], [{ HOURGLASS_BUILD: 'always' }]])('refuses %j with a sentence', (env) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
  });
});
