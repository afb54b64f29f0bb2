import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { ContactChangesBody } from '@hourglass/api';
import { decodeAnswer } from '../commandAnswer.ts';
import { consentStatus, type ConsentRecord } from '../consentRepository.ts';
import { EMAIL_SETTINGS_KEY, emailSettingsOf } from '../emailSettings.ts';
import { MAX_USER_AGENT, confirmationEmail, findConsent, formSubmitted, type PostOrigin } from '../formIntake.ts';
import type { StoredForm } from '../formRepository.ts';
import type { ValidSubmission } from '../formSubmission.ts';
import type { InboxCommand } from '../inboxEntry.ts';
import { signToken } from '../publicToken.ts';
import type { ApiRepositories, FormInputs } from '../storeApi.ts';
import { timeOrderedId } from '../timeOrderedId.ts';
import { pgTransaction } from './pgTransaction.ts';
import { QUEUE_INBOX_ROW } from './pgWakeups.ts';

/** A post's email, locked while its contact is looked up: two posts for one new address make one contact. */
const LOCK_EMAIL = `SELECT pg_advisory_xact_lock(hashtextextended('form:' || lower($1), hashtext(current_schema())))`;

/**
 * The contact a post for this email concerns, whatever its case: the first contact with it (by
 * id, in byte order as SQLite), else one that a post still waiting in the inbox is creating
 * (found by its consent). Both indexed.
 */
const CONTACT_OF_EMAIL = `
  SELECT id FROM (
    (SELECT id, 0 AS rank FROM contacts WHERE lower(email) = lower($1) AND email IS NOT NULL ORDER BY id COLLATE "C" LIMIT 1)
    UNION ALL
    (SELECT k.contact_id, 1 FROM consents AS k
     WHERE k.email = lower($1) AND EXISTS (SELECT 1 FROM inbox WHERE inbox.contact_id = k.contact_id)
     ORDER BY k.n DESC LIMIT 1)
  ) AS found ORDER BY rank LIMIT 1`;

export interface PgFormInputsOptions {
  pool: Pool;
  repos: Pick<ApiRepositories, 'consents' | 'contacts'>;
  now: () => number;
  secret: Buffer;
  /** Resolves once every one of these inbox rows has been applied, by whichever worker. */
  applied: (rows: number[]) => Promise<void>;
}

/**
 * A form's posts and confirmations on PostgreSQL (campaign spec §4), as FormIntake does them on
 * SQLite. A post writes, in one transaction, the consent and the inputs it causes in the
 * contact's line of the shared inbox: the contact created or changed (a contact update, as
 * `PUT /api/contacts/:id` queues), then either its `form_submitted` event or (double opt-in) the
 * confirmation email in the outbox. So no crash keeps the contact and loses the event; the
 * worker holding the contact applies them in order, and the post is answered once they are.
 * A confirmation marks the consent confirmed and queues the event in one transaction.
 */
export class PgFormInputs implements FormInputs {
  constructor(private readonly o: PgFormInputsOptions) {}

  async submit(form: StoredForm, sub: ValidSubmission, origin: PostOrigin, publicUrl: string): Promise<'accepted' | 'confirmation-sent'> {
    const at = this.o.now();
    const consentId = randomUUID();
    const rows: number[] = [];
    let command: number | undefined;
    await this.transaction(async (client) => {
      const { email } = sub;
      await client.query(LOCK_EMAIL, [email]);
      const found = (await client.query<{ id: string }>(CONTACT_OF_EMAIL, [email])).rows[0];
      const contactId = found?.id ?? timeOrderedId(at);
      const queue = async (kind: string, eventId: string | null, entry: object) =>
        (await client.query<{ n: number }>(QUEUE_INBOX_ROW, [kind, contactId, eventId, at, JSON.stringify(entry)])).rows[0]!.n;
      // As on SQLite: a new contact with its email, as a subscriber; one known (or being created) gets the fields only.
      const changes: ContactChangesBody | undefined = !found
        ? { email: sub.email, stage: 'subscriber', properties: { ...sub.properties } }
        : Object.keys(sub.properties).length
          ? { properties: sub.properties }
          : undefined;
      if (changes) rows.push((command = await queue('contactUpdate', null, { kind: 'contactUpdate', contactId, changes } satisfies InboxCommand)));
      await client.query(
        `INSERT INTO consents (id, contact_id, form_id, text, at, ip, user_agent, double_opt_in, confirmed_at, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, lower($10))`,
        [
          consentId,
          contactId,
          form.id,
          form.consent.text,
          at,
          origin.ip,
          origin.userAgent.slice(0, MAX_USER_AGENT),
          form.doubleOptIn,
          form.doubleOptIn ? null : at,
          email,
        ],
      );
      if (form.doubleOptIn) {
        const settings = (await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [EMAIL_SETTINGS_KEY])).rows[0];
        const link = `${publicUrl}/c/${signToken(this.o.secret, 'c', [consentId])}`;
        const { subject, body } = confirmationEmail(form, emailSettingsOf(settings?.value).senderName, link);
        // A notification, delivered by whichever worker claims it (pgOutbox.ts).
        await client.query(
          `INSERT INTO emails (id, kind, enrolment_id, flow_id, contact_id, node, at, to_address, subject, body, status)
           VALUES ($1, 'notification', '', '', $2, $3, $4, $5, $6, $7, 'pending')`,
          [randomUUID(), contactId, `form:${form.id}`, at, sub.email, subject, body],
        );
      } else {
        const event = formSubmitted(consentId, contactId, form.id);
        rows.push(await queue('event', event.id, event));
      }
    });
    await this.o.applied(rows);
    if (command !== undefined) {
      const answer = (await this.o.pool.query<{ answer: string }>('DELETE FROM command_answers WHERE n = $1 RETURNING answer', [command])).rows[0];
      const outcome = answer && decodeAnswer(answer.answer);
      if (outcome && !outcome.ok) throw outcome.error;
    }
    return form.doubleOptIn ? 'confirmation-sent' : 'accepted';
  }

  find(token: string): Promise<ConsentRecord | undefined> {
    return findConsent(this.o.secret, this.o.repos, token);
  }

  /**
   * Confirms a consent once: the consent row, locked, is marked confirmed and the event queued
   * in one transaction (a second click finds it confirmed and records nothing); answered once the
   * event is applied. A consent older than 7 days records nothing; one erased meanwhile is gone.
   */
  async confirm(consent: ConsentRecord): Promise<'confirmed' | 'expired' | 'gone'> {
    const at = this.o.now();
    let queued: number | undefined;
    const outcome = await this.transaction(async (client) => {
      const { rows } = await client.query<{ at: number; confirmed_at: number | null }>('SELECT at, confirmed_at FROM consents WHERE id = $1 FOR UPDATE', [
        consent.id,
      ]);
      if (!rows[0]) return 'gone' as const;
      const status = consentStatus({ ...consent, at: rows[0].at, confirmedAt: rows[0].confirmed_at }, at);
      if (status !== 'pending') return status;
      await client.query('UPDATE consents SET confirmed_at = $2 WHERE id = $1', [consent.id, at]);
      const event = formSubmitted(consent.id, consent.contactId, consent.formId);
      queued = (await client.query<{ n: number }>(QUEUE_INBOX_ROW, ['event', consent.contactId, event.id, at, JSON.stringify(event)])).rows[0]!.n;
      return 'confirmed' as const;
    });
    if (queued !== undefined) await this.o.applied([queued]);
    return outcome;
  }

  private transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return pgTransaction(this.o.pool, fn);
  }
}
