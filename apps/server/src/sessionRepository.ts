import { createHash, randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** How long a browser stays signed in: fixed from sign-in, not extended by use. */
export const SESSION_DAYS = 30;
export const SESSION_MS = SESSION_DAYS * 86_400_000;
/** Last use is written at most this often, so browsing is not a write per request. */
export const TOUCH_EVERY_MS = 60_000;

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A live session, as the server knows it (never its id: only the id's hash is stored). */
export interface Session {
  idHash: Buffer;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number;
}

export interface SessionRow {
  id_sha256: Buffer;
  token_sha256: Buffer;
  created_at: number;
  expires_at: number;
  last_used_at: number;
}

/**
 * Sign-in sessions: a random 256-bit id in the browser's cookie, its SHA-256 in the database,
 * so a copy of the database does not sign anyone in. A session belongs to the API token it was
 * opened under: changing HOURGLASS_TOKEN ends every session.
 */
export class SessionRepository {
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly touchStmt: Statement;
  private readonly remove: Statement;
  private readonly removeExpired: Statement;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO sessions (id_sha256, token_sha256, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?)');
    this.select = db.prepare('SELECT * FROM sessions WHERE id_sha256 = ?');
    this.touchStmt = db.prepare('UPDATE sessions SET last_used_at = ? WHERE id_sha256 = ?');
    this.remove = db.prepare('DELETE FROM sessions WHERE id_sha256 = ?');
    this.removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  /** Opens a session under the token with hash `tokenHash`; answers the id for the cookie. */
  create(tokenHash: Buffer, now: number): { id: string; expiresAt: number } {
    this.removeExpired.run(now);
    const id = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_MS;
    this.insert.run(sha256(id), tokenHash, now, expiresAt, now);
    return { id, expiresAt };
  }

  /** The live session with this id under the current token, its last use recorded; else undefined. */
  use(id: string | undefined, tokenHash: Buffer, now: number): Session | undefined {
    if (!id) return undefined;
    const idHash = sha256(id);
    const row = this.select.get(idHash) as SessionRow | undefined;
    if (!row || row.expires_at <= now || !row.token_sha256.equals(tokenHash)) return undefined;
    if (now - row.last_used_at >= TOUCH_EVERY_MS) this.touchStmt.run(now, idHash);
    return { idHash, createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: now };
  }

  /** Ends the session with this id (sign-out); unknown ids are ignored. */
  end(id: string): void {
    this.remove.run(sha256(id));
  }
}
