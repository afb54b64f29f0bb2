// Old outbox rows with hostile addresses never reach a real SMTP server; good rows reach it with
// exactly one envelope sender and one recipient.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../apps/server/src/clock.ts';
import { freshDatabase } from '../apps/server/src/db/freshDatabase.ts';
import { OutboxDelivery } from '../apps/server/src/outboxDelivery.ts';
import { OutboxRepository } from '../apps/server/src/outboxRepository.ts';
import { smtpTransport } from '../apps/server/src/smtpTransport.ts';
import { SqliteStore } from '../apps/server/src/sqliteStore.ts';
import { startSmtpCapture } from './smtpCapture.ts';

let db: Database | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
afterEach(async () => {
  db?.close();
  await smtp?.close();
  db = undefined;
  smtp = undefined;
});

describe('addresses at send time, through a real SMTP server', () => {
  it('refuses rows written straight into the database with a list, a group or a header in an address, and sends the good one alone', async () => {
    smtp = await startSmtpCapture();
    db = freshDatabase();
    const store = new SqliteStore(db);
    const row = { kind: 'marketing' as const, enrolmentId: 'e', flowId: 'f', contactId: 'c', node: 'n', at: 1, subject: 'Hi', body: 'Hi' };
    store.addEmail({ ...row, id: 'list', to: 'a@x.example, b@evil.example' });
    store.addEmail({ ...row, id: 'group', to: 'undisclosed:a@evil.example,b@evil.example;' });
    store.addEmail({ ...row, id: 'bcc', to: 'a@x.example\r\nBcc: b@evil.example' });
    store.addEmail({ ...row, id: 'from', to: 'ok@example.com', from: 'Sales <s@acme.example>\r\nBcc: b@evil.example' });
    store.addEmail({ ...row, id: 'good', to: 'ok@example.com', from: 'Acme Sales <sales@acme.example>' });
    const outbox = new OutboxRepository(db);
    const delivery = new OutboxDelivery({
      outbox,
      clock: new ManualClock(1_000),
      transport: smtpTransport(smtp.url),
      defaultFrom: 'hourglass@localhost',
      log: () => {},
    });
    await delivery.drain();
    await delivery.stop();

    expect(Object.fromEntries(outbox.list({ limit: 10 }).map((m) => [m.id, m.status]))).toEqual({
      list: 'failed',
      group: 'failed',
      bcc: 'failed',
      from: 'failed',
      good: 'sent',
    });
    expect(outbox.get('group')!.error).toMatch(/^Not sent: .* is not one email address: /);
    expect(smtp.mails.map((m) => [m.from, m.to])).toEqual([['sales@acme.example', ['ok@example.com']]]);
    expect(smtp.mails[0]!.raw).toMatch(/^From: Acme Sales <sales@acme\.example>$/m);
    expect(smtp.mails[0]!.raw).toMatch(/^To: ok@example\.com$/m);
    expect(smtp.mails.some((m) => m.raw.includes('evil'))).toBe(false);
  });

  it('has the transport itself refuse a hostile address even when called directly', async () => {
    smtp = await startSmtpCapture();
    const transport = smtpTransport(smtp.url);
    await expect(transport.send({ id: 'x', from: 'a@x.example', to: 'a@x.example, b@evil.example', subject: 's', text: 't' })).rejects.toThrow(
      /not one email address/,
    );
    await expect(transport.send({ id: 'y', from: 'Sales <a@x.example>, b@evil.example', to: 'ok@example.com', subject: 's', text: 't' })).rejects.toThrow(
      /not one email address/,
    );
    transport.close();
    expect(smtp.mails).toEqual([]);
  });
});
