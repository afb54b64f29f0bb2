import type { Pool } from 'pg';
import type { FailedEvent } from '../failedEventRepository.ts';

/** The accepted events whose processing threw, as the workers keep them (as FailedEventRepository on SQLite). */
export class PgFailedEventRepository {
  constructor(private readonly pool: Pool) {}

  async list(limit: number): Promise<FailedEvent[]> {
    const { rows } = await this.pool.query<{ n: number; event_id: string; contact_id: string; at: number; failed_at: number; event: string; error: string }>(
      'SELECT * FROM failed_events ORDER BY n DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({
      n: r.n,
      eventId: r.event_id,
      contactId: r.contact_id,
      at: r.at,
      failedAt: r.failed_at,
      event: JSON.parse(r.event),
      error: r.error,
    }));
  }

  async count(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM failed_events')).rows[0]!.n;
  }
}
