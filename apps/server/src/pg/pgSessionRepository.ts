import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { SESSION_MS, TOUCH_EVERY_MS, sha256, type Session, type SessionRow } from '../sessionRepository.ts';
import type { SessionStore, SignInCodeStore } from '../storeApi.ts';

/** Sign-in sessions in PostgreSQL, so a browser signed in through one worker is signed in on all (as SessionRepository on SQLite). */
export class PgSessionRepository implements SessionStore {
  constructor(private readonly pool: Pool) {}

  async create(tokenHash: Buffer, now: number): Promise<{ id: string; expiresAt: number }> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    const id = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_MS;
    await this.pool.query('INSERT INTO sessions (id_sha256, token_sha256, created_at, expires_at, last_used_at) VALUES ($1, $2, $3, $4, $3)', [
      sha256(id),
      tokenHash,
      now,
      expiresAt,
    ]);
    return { id, expiresAt };
  }

  async use(id: string | undefined, tokenHash: Buffer, now: number): Promise<Session | undefined> {
    if (!id) return undefined;
    const idHash = sha256(id);
    const { rows } = await this.pool.query<SessionRow>('SELECT * FROM sessions WHERE id_sha256 = $1', [idHash]);
    const row = rows[0];
    if (!row || row.expires_at <= now || !row.token_sha256.equals(tokenHash)) return undefined;
    if (now - row.last_used_at >= TOUCH_EVERY_MS) await this.pool.query('UPDATE sessions SET last_used_at = $1 WHERE id_sha256 = $2', [now, idHash]);
    return { idHash, createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: now };
  }

  async end(id: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_sha256 = $1', [sha256(id)]);
  }
}

/** One-time sign-in codes in PostgreSQL (made by a tool with database access; see docs/scale-out.md). */
export class PgSignInCodeRepository implements SignInCodeStore {
  constructor(private readonly pool: Pool) {}

  async consume(code: string, now: number): Promise<boolean> {
    // Deleting and checking in one statement: two browsers racing with one code cannot both win.
    const { rows } = await this.pool.query<{ expires_at: number }>('DELETE FROM sign_in_codes WHERE code_sha256 = $1 RETURNING expires_at', [sha256(code)]);
    return rows[0] !== undefined && rows[0].expires_at > now;
  }
}
