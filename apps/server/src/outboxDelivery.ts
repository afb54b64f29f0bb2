import { emailAddressError, senderError } from '@hourglass/documents';
import type { Clock } from './clock.ts';
import type { ComposedEmail } from './emailComposer.ts';
import type { OutboxEntry, OutboxRepository } from './outboxRepository.ts';
import type { MailTransport } from './smtpTransport.ts';

export const MAX_ATTEMPTS = 5;
export const RETRY_BASE_MS = 30_000;
/** Emails built and marked delivered per transaction of the local mailbox. */
const LOCAL_BATCH = 200;
/**
 * Emails claimed and sent together through SMTP. A crash while a batch is out leaves all of
 * it `sending`, marked failed (never resent) at the next start: kept small.
 */
export const SMTP_BATCH = 32;
/** Failures before the SMTP greeting: the message cannot have been handed over. */
const BEFORE_GREETING = new Set(['Connection timeout', 'Greeting never received']);

export const INTERRUPTED =
  'Delivery was interrupted by a restart after the email was handed to the mail server; it may or may not have arrived, and it is not sent again so that it is never sent twice.';

export interface OutboxDeliveryOptions {
  outbox: OutboxRepository;
  clock: Clock;
  /** SMTP delivery; without it emails are delivered to the local mailbox (the outbox table). */
  transport?: MailTransport;
  /** The sender when a `sendEmail` node has no `from`. */
  defaultFrom: string;
  /** Builds the parts and headers of an email as it leaves; without it, emails leave as plain text. */
  compose?: (email: OutboxEntry) => ComposedEmail;
  log?: (message: string) => void;
}

/**
 * Whether a failed send certainly did not deliver, so trying again cannot make a copy: the
 * server answered 4xx, or the connection was never made. nodemailer tags many mid-session
 * failures (a socket reset during DATA) like connection failures, so only the socket's own
 * `connect`/`getaddrinfo` call or a failure before the greeting counts as "never made".
 */
export function safeToRetry(e: unknown): boolean {
  const err = e as { responseCode?: number; code?: string; syscall?: string; message?: string };
  if (typeof err.responseCode === 'number') return err.responseCode >= 400 && err.responseCode < 500;
  return err.syscall === 'connect' || err.syscall === 'getaddrinfo' || err.code === 'EDNS' || BEFORE_GREETING.has(err.message ?? '');
}

/**
 * Delivers the outbox after commit. Emails are written by the engine in the same transaction as
 * the step that sends them, so each step has exactly one outbox row, and a crash before commit
 * leaves none. Leaving the outbox:
 *
 * - Local mailbox (no SMTP): one UPDATE marks pending rows sent; exactly once.
 * - SMTP: a row is claimed (`sending`, committed) before it is handed to the server and marked
 *   `sent` after the server accepted it. A crash between the two leaves it `sending`; at the next
 *   start it is marked `failed` with a note, never resent: at most once. (Resending would make it
 *   at least once; the Message-ID carries the outbox id so receivers could drop copies, but
 *   Hourglass prefers a rare lost email to a duplicate.) A send that certainly failed before the
 *   message data (connection refused, 4xx) is retried up to 5 times with backoff; a 5xx fails.
 */
export class OutboxDelivery {
  private active: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly log: (message: string) => void;

  constructor(private readonly options: OutboxDeliveryOptions) {
    this.log = options.log ?? ((m) => console.error(m));
  }

  /** Marks the emails a crash left `sending` as failed (never resent); returns how many. */
  recoverInterrupted(): number {
    return this.options.outbox.failInterrupted(INTERRUPTED);
  }

  /** Starts a delivery run soon; runs never overlap, and a kick during a run runs once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.active) {
      this.again = true;
      return;
    }
    this.active = this.run()
      .catch((e) => this.log(`Outbox delivery failed: ${(e as Error).message}`))
      .finally(() => {
        this.active = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when every email due by now has been delivered or has failed. */
  async drain(): Promise<void> {
    for (;;) {
      while (this.active) await this.active;
      if (this.stopped || !this.options.outbox.nextPending(this.options.clock.now())) return;
      this.kick();
    }
  }

  /** Stops delivering after the batch in flight; resolves when it is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    while (this.active) await this.active;
    this.options.transport?.close();
  }

  private async run(): Promise<void> {
    const { outbox, clock, transport } = this.options;
    if (!transport) {
      if (this.options.compose) this.deliverLocally(this.options.compose);
      else outbox.deliverAllLocally(clock.now());
      return;
    }
    // Batches: one commit claims a batch, the pooled transport sends it over a few connections
    // at once, and one commit records its outcomes and claims the next batch (one disk sync a
    // batch instead of two an email; never more than one batch `sending`).
    if (this.stopped) return;
    let batch = outbox.claimDue(clock.now(), SMTP_BATCH);
    while (batch.length > 0) {
      const outcomes = await Promise.all(batch.map((email) => this.sendOne(email, transport)));
      const record = () => outcomes.forEach((r) => r());
      if (this.stopped) return outbox.inTransaction(record);
      batch = outbox.settleAndClaim(record, clock.now(), SMTP_BATCH);
    }
    this.scheduleRetry();
  }

  /** The local mailbox: each pending email is built as it would leave and kept with its parts. */
  private deliverLocally(compose: (email: OutboxEntry) => ComposedEmail): void {
    const { outbox, clock } = this.options;
    for (;;) {
      const now = clock.now();
      const batch = outbox.pendingDue(now, LOCAL_BATCH);
      const sent: { id: string; parts: { html: string; headers: Record<string, string> } }[] = [];
      for (const email of batch) {
        try {
          const { html, headers } = compose(email);
          sent.push({ id: email.id, parts: { html, headers } });
        } catch (e) {
          outbox.markFailed(email.id, `The email could not be built: ${(e as Error).message}`);
        }
      }
      outbox.markAllSent(sent, now);
      if (batch.length < LOCAL_BATCH || this.stopped) return;
    }
  }

  /** Hands one claimed email to the server; resolves to what records the outcome (in the batch's commit). */
  private async sendOne(email: OutboxEntry, transport: MailTransport): Promise<() => void> {
    const { outbox, clock, compose, defaultFrom } = this.options;
    const outcome = await attemptDelivery(email, transport, { compose, defaultFrom, now: () => clock.now() });
    switch (outcome.kind) {
      case 'sent': {
        const { composed } = outcome;
        return () => outbox.markSent(email.id, outcome.at, composed && { html: composed.html, headers: composed.headers });
      }
      case 'retry':
        return () => outbox.retryAt(email.id, outcome.at, outcome.error);
      case 'failed':
        return () => outbox.markFailed(email.id, outcome.error);
    }
  }

  // Retries wait in the table with their instant; one timer wakes the loop for the earliest.
  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const at = this.options.outbox.nextRetryAt();
    if (at === undefined || this.stopped) return;
    this.retryTimer = setTimeout(() => this.kick(), Math.min(Math.max(1000, at - this.options.clock.now()), 2 ** 31 - 1));
    this.retryTimer.unref();
  }
}

/** What one attempt to hand an email to the mail server came to (`attemptDelivery`). */
export type DeliveryOutcome =
  | { kind: 'sent'; at: number; composed: ComposedEmail | undefined }
  /** Failed in a way safe to retry: try again at `at`. */
  | { kind: 'retry'; at: number; error: string }
  /** Never to be sent; `tried` when the server was asked (the attempt counts). */
  | { kind: 'failed'; error: string; tried: boolean };

/**
 * One attempt to send a claimed email, the same for both stores (each records the outcome its own
 * way): no recipient, a layout that cannot be built or an address refused fail at once; a send
 * that failed safely is retried with backoff up to `MAX_ATTEMPTS`.
 */
export async function attemptDelivery(
  email: OutboxEntry,
  transport: MailTransport,
  options: { compose?: ((email: OutboxEntry) => ComposedEmail) | undefined; defaultFrom: string; now: () => number },
): Promise<DeliveryOutcome> {
  if (!email.to) return { kind: 'failed', error: 'The email has no recipient address.', tried: false };
  let composed: ComposedEmail | undefined;
  try {
    composed = options.compose?.(email);
  } catch (e) {
    return { kind: 'failed', error: `The email could not be built: ${(e as Error).message}`, tried: false };
  }
  const from = email.from ?? composed?.from ?? options.defaultFrom;
  // Checked again here, so a row stored before addresses were checked (or written by hand)
  // cannot add recipients or headers: it fails and never reaches the mail server.
  const refused = emailAddressError(email.to) ?? senderError(from);
  if (refused) return { kind: 'failed', error: `Not sent: ${refused}`, tried: false };
  try {
    await transport.send({
      id: email.id,
      from,
      to: email.to,
      subject: email.subject,
      text: composed?.text ?? email.body,
      ...(composed ? { html: composed.html, headers: composed.headers } : {}),
    });
    return { kind: 'sent', at: options.now(), composed };
  } catch (e) {
    const message = (e as Error).message || String(e);
    const attempts = email.attempts + 1;
    if (safeToRetry(e) && attempts < MAX_ATTEMPTS) return { kind: 'retry', at: options.now() + RETRY_BASE_MS * 2 ** (attempts - 1), error: message };
    return { kind: 'failed', error: safeToRetry(e) ? `${message} (gave up after ${attempts} attempts)` : message, tried: true };
  }
}
