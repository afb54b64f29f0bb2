import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { SettingsRepository } from './settingsRepository.ts';

/** The settings key of the kept secret (both stores). */
export const SECRET_KEY = 'public_token_secret';
/** The shortest HOURGLASS_SECRET accepted: the key of every public link must not be guessable. */
export const MIN_SECRET_LENGTH = 32;
const MAC_BYTES = 32;
/** Longer tokens are refused before any work: a tracked link's URL is at most a few KiB. */
const MAX_TOKEN_CHARS = 12_000;

/**
 * What a public token is for: `t` a tracked link (the email and the URL), `o` the open pixel,
 * `u` the unsubscribe page (the email), `c` a form's confirmation. A token made for one purpose
 * is refused for every other, so the pixel's token cannot unsubscribe.
 */
export type TokenPurpose = 't' | 'o' | 'u' | 'c';

/**
 * The key public tokens are signed with: `HOURGLASS_SECRET` when set, else the one kept in the
 * settings table, else a new random one, kept there (so links in sent emails keep working
 * across restarts). Changing it breaks every link sent before.
 */
export function publicSecret(settings: SettingsRepository, fromEnv?: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  let stored = settings.get(SECRET_KEY);
  if (!stored) {
    stored = randomBytes(32).toString('base64url');
    settings.set(SECRET_KEY, stored);
  }
  return Buffer.from(stored, 'utf8');
}

/** The HMAC key of each secret, imported once: a click verifies a token on every request. */
const keys = new WeakMap<Buffer, KeyObject>();
function keyOf(secret: Buffer): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(secret)));
  return key;
}

const mac = (secret: Buffer, payload: string) => createHmac('sha256', keyOf(secret)).update(payload, 'utf8').digest();

/**
 * A signed, URL-safe token naming `[purpose, ...parts]`: base64url of the JSON payload, a dot,
 * base64url of its HMAC-SHA-256. It never expires: an unsubscribe link must work for years.
 */
export function signToken(secret: Buffer, purpose: TokenPurpose, parts: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify([purpose, ...parts]), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/**
 * The parts a token names when it verifies with `secret` and was made for `purpose`; undefined
 * for anything else (forged, altered, cut short, another purpose, another secret), without
 * telling which.
 */
export function verifyToken(secret: Buffer, purpose: TokenPurpose, token: string): string[] | undefined {
  if (token.length > MAX_TOKEN_CHARS) return undefined;
  const dot = token.indexOf('.');
  if (dot <= 0 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(secret, payload))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value[0] !== purpose || !value.every((v) => typeof v === 'string')) return undefined;
  return value.slice(1) as string[];
}
