import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../smtpTransport.ts';
import { createPool } from './pgPool.ts';
import { emailComposer } from '../emailComposer.ts';
import { verifyToken } from '../publicToken.ts';
import { PgOutbox } from './pgOutbox.ts';
import { PgSettings, pgPublicSecret } from './pgSettings.ts';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';

let schema: TestSchema;
beforeAll(async () => {
  schema = await createTestSchema();
});
afterAll(async () => {
  await schema?.drop();
});
beforeEach(async () => {
  await schema.truncate();
});

/** Writes `count` pending marketing emails, as a worker's commit does. */
async function pending(count: number) {
  await schema.pool.query(
    `INSERT INTO emails (id, kind, enrolment_id, flow_id, contact_id, node, at, to_address, subject, body, status)
     SELECT 'm' || i, 'marketing', 'e' || i, 'f', 'c' || i, 'send', 0, 'c' || i || '@x.io', 'Hi', 'Hello', 'pending' FROM generate_series(1, $1) AS i`,
    [count],
  );
}
const statuses = async () =>
  (await schema.pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM emails GROUP BY 1 ORDER BY 1')).rows;

/** A mail server that accepts after a moment, remembering each message; `fail` refuses the first attempts of some. */
function server(fail: (mail: OutgoingMail, attempt: number) => Error | undefined = () => undefined) {
  const sent: OutgoingMail[] = [];
  const tries = new Map<string, number>();
  return {
    sent,
    transport: {
      async send(mail: OutgoingMail) {
        const attempt = (tries.get(mail.id) ?? 0) + 1;
        tries.set(mail.id, attempt);
        await new Promise((r) => setTimeout(r, 2));
        const error = fail(mail, attempt);
        if (error) throw error;
        sent.push(mail);
      },
      close() {},
    },
  };
}

describe('PgOutbox', () => {
  it('sends every email once when three workers deliver the outbox at the same time', async () => {
    await pending(200);
    const smtp = server();
    const pools = [0, 1, 2].map(() => createPool(schema.url, { schema: schema.schema, max: 2 }));
    try {
      const outboxes = pools.map((pool, i) => new PgOutbox({ pool, workerId: `w${i}`, transport: smtp.transport, defaultFrom: 'news@x.io', log: () => {} }));
      const delivered = await Promise.all(outboxes.map((o) => o.deliver()));
      expect(delivered.reduce((a, b) => a + b, 0)).toBe(200);
      expect(delivered.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    expect(smtp.sent).toHaveLength(200);
    expect(new Set(smtp.sent.map((m) => m.id)).size).toBe(200);
    expect(await statuses()).toEqual([{ status: 'sent', n: 200 }]);
  });

  it('tries again with backoff, under the same id, an email the server certainly did not take', async () => {
    await pending(1);
    let now = 1_000_000;
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { syscall: 'connect', code: 'ECONNREFUSED' });
    const smtp = server((_, attempt) => (attempt === 1 ? refused : undefined));
    const outbox = new PgOutbox({ pool: schema.pool, workerId: 'w', now: () => now, transport: smtp.transport, defaultFrom: 'news@x.io', log: () => {} });
    expect(await outbox.deliver()).toBe(0);
    const row = async () =>
      (await schema.pool.query('SELECT status, attempts, next_attempt_at, error FROM emails')).rows[0] as {
        status: string;
        attempts: number;
        next_attempt_at: number;
      };
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: now + 30_000, error: 'connect ECONNREFUSED' });
    now += 29_000;
    expect(await outbox.deliver()).toBe(0);
    now += 1_000;
    expect(await outbox.deliver()).toBe(1);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.sent.map((m) => m.id)).toEqual(['m1']);
  });

  it('marks failed, never resending, the emails a worker that died was sending', async () => {
    await pending(2);
    await schema.pool.query("INSERT INTO workers (id, host, pid, started_at, heartbeat_at) VALUES ('gone', 'h', 1, 0, 0), ('alive', 'h', 2, 0, $1)", [
      Date.now(),
    ]);
    await schema.pool.query("UPDATE emails SET status = 'sending', claimed_by = CASE WHEN id = 'm1' THEN 'gone' ELSE 'alive' END");
    const smtp = server();
    const outbox = new PgOutbox({ pool: schema.pool, workerId: 'w', transport: smtp.transport, defaultFrom: 'news@x.io', log: () => {} });
    expect(await outbox.failInterrupted()).toBe(1);
    expect(await outbox.deliver()).toBe(0);
    expect(smtp.sent).toEqual([]);
    expect((await schema.pool.query("SELECT id, status FROM emails WHERE status = 'failed'")).rows).toEqual([{ id: 'm1', status: 'failed' }]);
  });

  it('marks due emails delivered in the local mailbox once, whichever workers run it', async () => {
    await pending(1200);
    const outboxes = [0, 1].map((i) => new PgOutbox({ pool: schema.pool, workerId: `w${i}`, defaultFrom: 'news@x.io' }));
    const delivered = await Promise.all(outboxes.map((o) => o.deliver()));
    expect(delivered[0]! + delivered[1]!).toBe(1200);
    expect(await statuses()).toEqual([{ status: 'sent', n: 1200 }]);
  });

  /** The composer a worker runs (startPgServer.ts): the workspace's settings and the shared secret, from the database. */
  async function composer() {
    const settings = new PgSettings();
    const secret = await pgPublicSecret(schema.pool);
    return { secret, composer: { settings, compose: emailComposer({ settings, secret, publicUrl: () => 'https://hg.example' }) } };
  }

  it('sends a marketing email built as it leaves: the layout, tracked links, the open pixel and one-click unsubscribe headers', async () => {
    await pending(1);
    await schema.pool.query("UPDATE emails SET body = 'Read [the guide](https://example.com/guide).'");
    // The sender saved in the workspace's settings (through any worker) is read as the email leaves.
    await schema.pool.query(`INSERT INTO settings (key, value) VALUES ('email_settings', $1)`, [
      JSON.stringify({ senderName: 'Team', senderAddress: 'team@x.io' }),
    ]);
    const smtp = server();
    const { secret, composer: c } = await composer();
    const outbox = new PgOutbox({ pool: schema.pool, workerId: 'w', transport: smtp.transport, defaultFrom: 'news@x.io', composer: c, log: () => {} });
    expect(await outbox.deliver()).toBe(1);
    const [mail] = smtp.sent;
    expect(mail!.html).toContain('https://hg.example/t/');
    expect(mail!.html).not.toContain('href="https://example.com/guide"');
    expect(mail!.html).toContain('https://hg.example/o/');
    const unsubscribe = /^<https:\/\/hg\.example\/u\/(.+)>$/.exec(mail!.headers!['List-Unsubscribe']!);
    expect(verifyToken(secret, 'u', unsubscribe![1]!)).toEqual(['m1']);
    expect(mail!.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.from).toContain('team@x.io');
    const row = (await schema.pool.query('SELECT html, headers FROM emails')).rows[0] as { html: string; headers: string };
    expect(row.html).toBe(mail!.html);
    expect(JSON.parse(row.headers)).toEqual(mail!.headers);
  });

  it('keeps each email of the local mailbox built as it would leave, and the same link secret on every worker', async () => {
    await pending(3);
    const a = await composer();
    const b = await composer();
    expect(b.secret.equals(a.secret)).toBe(true);
    const outbox = new PgOutbox({ pool: schema.pool, workerId: 'w', defaultFrom: 'news@x.io', composer: a.composer });
    expect(await outbox.deliver()).toBe(3);
    const rows = (await schema.pool.query('SELECT status, html, headers FROM emails ORDER BY n')).rows as { status: string; html: string; headers: string }[];
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    for (const r of rows) {
      expect(r.html).toContain('https://hg.example/o/');
      expect(JSON.parse(r.headers)).toHaveProperty('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click');
    }
  });
});
