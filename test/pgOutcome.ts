// For the PostgreSQL worker tests: what every contact has after a run, to compare runs.
import type { Pool } from 'pg';

/** Every contact's events, enrolments, steps, emails and handoffs, without ids or instants. */
export async function outcome(pool: Pool) {
  const rows = async (text: string) => (await pool.query(text)).rows;
  return {
    events: await rows("SELECT contact_id, string_agg(type || data, ',' ORDER BY seq) AS e FROM events GROUP BY 1 ORDER BY 1"),
    enrolments: await rows('SELECT contact_id, flow_id, status, position, timers::jsonb AS timers FROM enrolments ORDER BY 1, 2'),
    steps: await rows(
      "SELECT e.contact_id, string_agg(s.node || '>' || coalesce(s.port, ''), ',' ORDER BY s.n) AS s FROM steps s JOIN enrolments e ON e.id = s.enrolment_id GROUP BY 1 ORDER BY 1",
    ),
    emails: await rows("SELECT contact_id, string_agg(node || ':' || subject, ',' ORDER BY n) AS m FROM emails GROUP BY 1 ORDER BY 1"),
    handoffs: await rows('SELECT contact_id, count(*)::int AS n FROM handoffs GROUP BY 1 ORDER BY 1'),
  };
}
/** Timers keep the instants of their process: compared by what they are, not when. */
export const timeless = (o: Awaited<ReturnType<typeof outcome>>) => ({
  ...o,
  enrolments: o.enrolments.map((e) => ({ ...e, timers: (e.timers as { id: string; event: string }[]).map((t) => `${t.id}:${t.event}`) })),
});
