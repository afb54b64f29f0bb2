import type { Database, Statement } from 'better-sqlite3';
import type { TimerRecord } from '@hourglass/engine';
import { byWake, toTimer, wakeOf, type StoredTimer } from './sqliteRows.ts';

/**
 * The enrolments' wake-up index (`enrolments.wake_at`, `wake_seq`, indexed where `wake_at` is set):
 * which timers are due, the earliest one, and the flows whose timers are held back. A held (paused)
 * flow's rows keep their timers and `wake_seq` but no `wake_at`, so the index leaves them out at no
 * cost to anyone else; let go, `wake_at` is set again from the timer `wake_seq` names, and each
 * timer keeps its place. Which flows are held is `flows.paused_at` (migration 13).
 */
export class WakeIndex {
  /** `due` by limit: SQLite runs a literal LIMIT several times faster than a bound one. */
  private readonly dueBy = new Map<number, Statement>();
  private readonly q: Record<string, Statement>;
  private held = new Map<string, number>();

  constructor(private readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      next: p('SELECT min(wake_at) AS at FROM enrolments WHERE wake_at IS NOT NULL'),
      held: p('SELECT id, paused_at FROM flows WHERE paused_at IS NOT NULL'),
      setHeld: p('UPDATE flows SET paused_at = ? WHERE id = ?'),
      hold: p('UPDATE enrolments SET wake_at = NULL WHERE flow_id = ? AND wake_at IS NOT NULL'),
      release:
        p(`UPDATE enrolments SET wake_at = (SELECT t.value ->> 'wakeAt' FROM json_each(enrolments.timers) AS t WHERE t.value ->> 'seq' = enrolments.wake_seq)
                  WHERE flow_id = ? AND wake_seq IS NOT NULL AND wake_at IS NULL`),
    };
    this.reload();
  }

  /** Reads which flows are held (at the start, and after a rollback). */
  reload(): void {
    this.held = new Map((this.q.held!.all() as { id: string; paused_at: number }[]).map((r) => [r.id, r.paused_at]));
  }

  /** The wake columns of a row of `flowId` with these timers: no `wake_at` while the flow's timers are held. */
  columns(flowId: string, timers: readonly StoredTimer[]): [number | null, number | null] {
    const [at, seq] = wakeOf(timers);
    return [this.held.size && this.held.has(flowId) ? null : at, seq];
  }

  /** Holds back a flow's timers from `since` on, or lets them go (null). The caller holds the transaction. */
  hold(flowId: string, since: number | null): void {
    if (since === null ? !this.held.has(flowId) : this.held.has(flowId)) return;
    this.q.setHeld!.run(since, flowId);
    this.q[since === null ? 'release' : 'hold']!.run(flowId);
    if (since === null) this.held.delete(flowId);
    else this.held.set(flowId, since);
  }

  heldFlows(): ReadonlyMap<string, number> {
    return this.held;
  }

  /**
   * Due timers from the enrolments at the front of the wake-up index. An enrolment's other due
   * timers can come after another enrolment's earliest, so they are merged by instant and seq,
   * up to the last enrolment read (beyond it an unread enrolment may come first).
   */
  due(until: number, limit: number): TimerRecord[] {
    let statement = this.dueBy.get(limit);
    if (!statement) {
      const literal = Number.isSafeInteger(limit) && limit >= 0 ? limit : -1;
      statement = this.db.prepare(`SELECT id, timers, wake_at, wake_seq FROM enrolments WHERE wake_at <= ? ORDER BY wake_at, wake_seq LIMIT ${literal}`);
      if (this.dueBy.size < 8) this.dueBy.set(limit, statement);
    }
    const rows = statement.all(until) as { id: string; timers: string; wake_at: number; wake_seq: number }[];
    const last = rows.length === limit ? rows[rows.length - 1] : undefined;
    const bound = last && { wakeAt: last.wake_at, seq: last.wake_seq };
    const due: { enrolmentId: string; timer: StoredTimer }[] = [];
    for (const row of rows) {
      for (const timer of JSON.parse(row.timers) as StoredTimer[]) {
        if (timer.wakeAt > until) continue;
        if (bound && byWake(timer, bound) > 0) continue;
        due.push({ enrolmentId: row.id, timer });
      }
    }
    due.sort((a, b) => byWake(a.timer, b.timer));
    return due.slice(0, limit).map((d) => toTimer(d.enrolmentId, d.timer));
  }

  /** The earliest pending timer's instant (held ones left out). */
  next(): number | undefined {
    const row = this.q.next!.get() as { at: number | null };
    return row.at ?? undefined;
  }
}
