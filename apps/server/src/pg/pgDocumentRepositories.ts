import type { Pool } from 'pg';
import type { ScenarioRow } from '../scenarioRepository.ts';

// The editor's small documents in PostgreSQL, as their SQLite repositories keep them: saved
// scenarios, canvas notes and settings by key (the scoring model, the email settings).

export class PgScenarioRepository {
  constructor(private readonly pool: Pool) {}

  async list(flowId: string): Promise<ScenarioRow[]> {
    const { rows } = await this.pool.query<{ name: string; scenario: string; expected: string | null }>(
      'SELECT name, scenario, expected FROM scenarios WHERE flow_id = $1 ORDER BY name',
      [flowId],
    );
    return rows.map((r) => ({ name: r.name, scenario: JSON.parse(r.scenario), expected: r.expected === null ? undefined : JSON.parse(r.expected) }));
  }

  async put(flowId: string, name: string, scenario: unknown, expected: unknown, now: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO scenarios (flow_id, name, scenario, expected, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (flow_id, name) DO UPDATE SET scenario = excluded.scenario, expected = excluded.expected, updated_at = excluded.updated_at`,
      [flowId, name, JSON.stringify(scenario), expected === undefined ? null : JSON.stringify(expected), now],
    );
  }

  async delete(flowId: string, name: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM scenarios WHERE flow_id = $1 AND name = $2', [flowId, name])).rowCount ?? 0) > 0;
  }
}

export class PgFlowNotesRepository {
  constructor(private readonly pool: Pool) {}

  async get(flowId: string): Promise<unknown[]> {
    const { rows } = await this.pool.query<{ notes: string }>('SELECT notes FROM flow_notes WHERE flow_id = $1', [flowId]);
    return rows[0] ? (JSON.parse(rows[0].notes) as unknown[]) : [];
  }

  async put(flowId: string, notes: readonly unknown[], now: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO flow_notes (flow_id, notes, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (flow_id) DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at`,
      [flowId, JSON.stringify(notes), now],
    );
  }
}

export class PgSettingsRepository {
  constructor(private readonly pool: Pool) {}

  async get(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}
