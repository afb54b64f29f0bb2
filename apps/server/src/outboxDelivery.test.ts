import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { ManualClock } from './clock.ts';
import { openDatabase } from './db/openDatabase.ts';
import { INTERRUPTED, OutboxDelivery } from './outboxDelivery.ts';
import { OutboxRepository } from './outboxRepository.ts';
import type { MailTransport, OutgoingMail } from './smtpTransport.ts';
import { SqliteStore } from './sqliteStore.ts';

let db: Database;
afterEach(() => db?.close());

function setUp(count: number) {
  db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  for (let i = 1; i <= count; i++) {
    store.addEmail({ id: `m${i}`, kind: 'marketing', enrolmentId: 'e', flowId: 'f', contactId: 'c', node: 'n', at: i, to: `c${i}@example.com`, subject: `Email ${i}`, body: 'Hi' });
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
    const delivery = new OutboxDelivery({ outbox, clock, defaultFrom: 'x@y' });
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
    const delivery = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'Hourglass <x@y>' });
    delivery.kick();
    delivery.kick();
    await delivery.drain();
    await delivery.drain();
    expect(sent).toEqual(['m1', 'm2', 'm3']);
    expect(froms).toEqual(['Hourglass <x@y>', 'Hourglass <x@y>', 'Hourglass <x@y>']);
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
    const delivery = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y' });
    await delivery.drain();
    await delivery.stop();
    expect(statuses(outbox)).toEqual({ m1: 'pending', m2: 'failed', m3: 'failed' });
    expect(outbox.get('m1')).toMatchObject({ attempts: 1, error: 'connect ECONNREFUSED 127.0.0.1:25' });
    expect(outbox.get('m2')!.error).toBe('550 no such user');

    // The retry is due 30 seconds later and then succeeds.
    errors.m1 = undefined;
    const again = fakeTransport((m) => errors[m.id]);
    const later = new OutboxDelivery({ outbox, clock, transport: again.transport, defaultFrom: 'x@y' });
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
    const restarted = new OutboxDelivery({ outbox, clock, transport, defaultFrom: 'x@y' });
    expect(restarted.recoverInterrupted()).toBe(1);
    await restarted.drain();
    expect(sent).toEqual(['m2']);
    expect(outbox.get('m1')).toMatchObject({ status: 'failed', error: INTERRUPTED });
    await restarted.stop();
  });
});
