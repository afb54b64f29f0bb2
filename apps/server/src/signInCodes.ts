import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** How long a sign-in link made on demand stays valid. */
export const SIGN_IN_CODE_MINUTES = 15;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A fresh one-time sign-in code, the SHA-256 a store keeps of it and when it expires (both stores make theirs here). */
export function newSignInCode(now: number): { code: string; hash: Buffer; expiresAt: number } {
  const code = randomBytes(32).toString('base64url');
  return { code, hash: sha256(code), expiresAt: now + SIGN_IN_CODE_MINUTES * 60_000 };
}

/**
 * Makes a one-time sign-in code (for `/?code=…`), stored only as its SHA-256. Whoever can write
 * the database file can sign in this way, without knowing the API token.
 */
export function createSignInCode(db: Database, now: number): { code: string; expiresAt: number } {
  const { code, hash, expiresAt } = newSignInCode(now);
  db.transaction(() => {
    db.prepare('DELETE FROM sign_in_codes WHERE expires_at <= ?').run(now);
    db.prepare('INSERT INTO sign_in_codes (code_sha256, created_at, expires_at) VALUES (?, ?, ?)').run(hash, now, expiresAt);
  })();
  return { code, expiresAt };
}

/** Uses up a sign-in code: true once for a live code, false for an unknown, used or expired one. */
export function consumeSignInCode(db: Database, code: string, now: number): boolean {
  // Deleting and checking in one statement: two browsers racing with one code cannot both win.
  const row = db.prepare('DELETE FROM sign_in_codes WHERE code_sha256 = ? RETURNING expires_at').get(sha256(code)) as { expires_at: number } | undefined;
  return row !== undefined && row.expires_at > now;
}

/** The sign-in codes of one database, as the sign-in link uses them. */
export class SignInCodeRepository {
  constructor(private readonly db: Database) {}

  consume(code: string, now: number): boolean {
    return consumeSignInCode(this.db, code, now);
  }
}
