import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from './clock.ts';
import { freshDatabase } from './db/freshDatabase.ts';
import { INTERRUPTED, OutboxDelivery, SMTP_BATCH } from './outboxDelivery.ts';
import { OutboxRepository } from './outboxRepository.ts';
import type { MailTransport, OutgoingMail } from './smtpTransport.ts';
import { SqliteStore } from './sqliteStore.ts';

let db: Database;
afterEach(() => db?.close());

function setUp(count: number) {
  db = freshDatabase();
  const store = new SqliteStore(db);
  for (let i = 1; i <= count; i++) {
    store.addEmail({
      id: `m${i}`,
      kind: 'marketing',
      enrolmentId: 'e',
      flowId: 'f',
      contactId: 'c',
      node: 'n',
      at: i,
      to: `c${i}@example.com`,
      subject: `Email ${i}`,
      body: 'Hi',
    });
  }
  return { outbox: new OutboxRepository(db), clock: new ManualClock(1_000_000) };
}

/** A transport that records what it sends and fails as told. */
function fakeTransport(fail: (mail: OutgoingMail) => unknown = () => undefined) {
  const sent: string[] = [];
  const transport: MailTransport = {
    async send(mail) {
      const error = fail(mail);
      if (error) throw error;
      sent.push(mail.id);
    },
    close() {},
  };
  return { transport, sent };
}

const statuses = (outbox: OutboxRepository) => Object.fromEntries(outbox.list({ limit: 100 }).map((m) => [m.id, m.status]));

describe('OutboxDelivery', () => {
  it('delivers to the local mailbox without SMTP: every pending email once', async () => {
    const { outbox, clock } = setUp(2);
    const delivery = new OutboxDelivery({ outbox, clock, defaultFrom: 'x@y.example' });
    await delivery.drain();
    expect(statuses(outbox)).toEqual({ m1: 'sent', m2: 'sent' });
    expect(outbox.get('m1')!.sentAt).toBe(1_000_000);
    clock.set(2_000_000);
    await delivery.drain();
    expect(outbox.get('m1')!.sentAt).toBe(1_000_000);
  });

  it('sends through SMTP in outbox order, each email once, with the default sender', async () => {
    const { outbox, clock } = setUp(3);
    const froms: string[] = [];
    const { transport, sent } = fakeTransport((m) => void froms.push(m.from));
    const delivery = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'Hourglass <x@y.example>' });
    delivery.kick();
    delivery.kick();
    await delivery.drain();
    await delivery.drain();
    expect(sent).toEqual(['m1', 'm2', 'm3']);
    expect(froms).toEqual(['Hourglass <x@y.example>', 'Hourglass <x@y.example>', 'Hourglass <x@y.example>']);
    expect(statuses(outbox)).toEqual({ m1: 'sent', m2: 'sent', m3: 'sent' });
  });

  it('retries an email the server certainly did not take, fails a rejected one, and never retries an uncertain one', async () => {
    const { outbox, clock } = setUp(3);
    const errors: Record<string, unknown> = {
      m1: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET', command: 'CONN', syscall: 'connect' }),
      m2: Object.assign(new Error('550 no such user'), { responseCode: 550, command: 'RCPT TO' }),
      m3: Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' }),
    };
    const { transport } = fakeTransport((m) => errors[m.id]);
    const delivery = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y.example' });
    await delivery.drain();
    await delivery.stop();
    expect(statuses(outbox)).toEqual({ m1: 'pending', m2: 'failed', m3: 'failed' });
    expect(outbox.get('m1')).toMatchObject({ attempts: 1, error: 'connect ECONNREFUSED 127.0.0.1:25' });
    expect(outbox.get('m2')!.error).toBe('550 no such user');

    // The retry is due 30 seconds later and then succeeds.
    errors.m1 = undefined;
    const again = fakeTransport((m) => errors[m.id]);
    const later = new OutboxDelivery({ outbox, clock, transport: again.transport, defaultFrom: 'x@y.example' });
    await later.drain();
    expect(again.sent).toEqual([]);
    clock.set(1_030_000);
    await later.drain();
    expect(again.sent).toEqual(['m1']);
    expect(outbox.get('m1')).toMatchObject({ status: 'sent', attempts: 2 });
    await later.stop();
  });

  it('never resends an email a crash caught between handing it over and recording it: at most once', async () => {
    const { outbox, clock } = setUp(2);
    // A crashed process had claimed m1 (status "sending") and died before recording the outcome.
    expect(outbox.claim('m1')).toBe(true);
    const { transport, sent } = fakeTransport();
    const restarted = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y.example' });
    expect(restarted.recoverInterrupted()).toBe(1);
    await restarted.drain();
    expect(sent).toEqual(['m2']);
    expect(outbox.get('m1')).toMatchObject({ status: 'failed', error: INTERRUPTED });
    await restarted.stop();
  });

  it('never has more than one batch sending, so a crash fails at most one batch and resends nothing', async () => {
    const { outbox, clock } = setUp(3 * SMTP_BATCH);
    // The second batch's first email hangs in the transport for good, as if the process died mid-send.
    const reached = new Promise<void>((resolve) => {
      const transport: MailTransport = {
        async send(mail) {
          if (mail.id === `m${SMTP_BATCH + 1}`) {
            resolve();
            await new Promise(() => {});
          }
        },
        close() {},
      };
      new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y.example' }).kick();
    });
    await reached;
    const count = (status: string) => Object.values(statuses(outbox)).filter((s) => s === status).length;
    expect(count('sent')).toBe(SMTP_BATCH);
    const sending = Object.entries(statuses(outbox))
      .filter(([, s]) => s === 'sending')
      .map(([id]) => id);
    expect(sending.sort()).toEqual(Array.from({ length: SMTP_BATCH }, (_, i) => `m${SMTP_BATCH + i + 1}`).sort());
    expect(count('pending')).toBe(SMTP_BATCH);
    // A restart now: the batch in flight fails, nothing of it is sent again.
    const { transport, sent } = fakeTransport();
    const restarted = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y.example' });
    expect(restarted.recoverInterrupted()).toBe(SMTP_BATCH);
    await restarted.drain();
    expect(sent).toEqual(Array.from({ length: SMTP_BATCH }, (_, i) => `m${2 * SMTP_BATCH + i + 1}`));
    await restarted.stop();
  });

  it('fails a stored email whose recipient or sender is not one plain address and never hands it to the transport', async () => {
    const { outbox, clock } = setUp(1);
    const store = new SqliteStore(db);
    const row = { kind: 'marketing' as const, enrolmentId: 'e', flowId: 'f', contactId: 'c', node: 'n', at: 2, subject: 'Hi', body: 'Hi' };
    store.addEmail({ ...row, id: 'list', to: 'a@x.example, b@evil.example' });
    store.addEmail({ ...row, id: 'group', to: 'undisclosed:a@evil.example,b@evil.example;' });
    store.addEmail({ ...row, id: 'crlf', to: 'a@x.example\r\nBcc: b@evil.example' });
    store.addEmail({ ...row, id: 'from', to: 'ok@example.com', from: 'Sales <a@x.example>, b@evil.example' });
    const { transport, sent } = fakeTransport();
    const delivery = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y.example' });
    await delivery.drain();
    await delivery.stop();
    expect(sent).toEqual(['m1']);
    expect(statuses(outbox)).toEqual({ m1: 'sent', list: 'failed', group: 'failed', crlf: 'failed', from: 'failed' });
    expect(outbox.get('list')).toMatchObject({
      attempts: 1,
      error: expect.stringMatching(/^Not sent: "a@x.example, b@evil.example" is not one email address: /),
    });
    expect(outbox.get('crlf')!.error).toMatch(/line break/);
    expect(outbox.get('from')!.error).toMatch(/^Not sent: .* is not one email address/);
  });

  it('fails every email when the default sender is not one address', async () => {
    const { outbox, clock } = setUp(1);
    const { transport, sent } = fakeTransport();
    const delivery = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'a@x.example, b@evil.example' });
    await delivery.drain();
    await delivery.stop();
    expect(sent).toEqual([]);
    expect(outbox.get('m1')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Not sent: /) });
  });
});
