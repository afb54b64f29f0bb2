import { randomUUID } from 'node:crypto';
import { consentStatus, type ConsentRecord, type ConsentRepository } from './consentRepository.ts';
import { newContact } from './contactImportPlan.ts';
import { readEmailSettings } from './emailSettings.ts';
import type { StoredForm } from './formRepository.ts';
import type { ValidSubmission } from './formSubmission.ts';
import { signToken, verifyToken } from './publicToken.ts';
import type { ContactWrite, IncomingEvent, Runtime } from './runtime.ts';
import type { ApiRepositories, FormInputs } from './storeApi.ts';
import { timeOrderedId } from './timeOrderedId.ts';

/** Where a post came from, kept as part of the consent's proof. */
export interface PostOrigin {
  ip: string;
  userAgent: string;
}

/** The event a consent records; its id is the consent's, so it is recorded once. */
export const formSubmitted = (consentId: string, contactId: string, formId: string): IncomingEvent => ({
  id: `form_submitted:${consentId}`,
  contactId,
  type: 'form_submitted',
  data: { form: formId },
});

/** How many characters of a User-Agent header are kept. */
export const MAX_USER_AGENT = 500;

/** The text of a double opt-in's confirmation email (a notification: no tracked links, no pixel, no unsubscribe headers). */
export function confirmationEmail(form: StoredForm, senderName: string, link: string): { subject: string; body: string } {
  const from = senderName.trim() || 'us';
  return {
    subject: 'Please confirm your subscription',
    body:
      `You asked to hear from ${from} through the form "${form.name}". Please confirm that it was you:\n\n` +
      `[Confirm my subscription](${link})\n\nOr open this address: ${link}\n\n` +
      'If you did not ask for this, ignore this email: nothing happens, and the link stops working after 7 days.',
  };
}

/** The pending or confirmed consent a `/c` token names, while it and its contact exist (either store). */
export async function findConsent(secret: Buffer, repos: Pick<ApiRepositories, 'consents' | 'contacts'>, token: string): Promise<ConsentRecord | undefined> {
  const parts = verifyToken(secret, 'c', token);
  if (!parts || parts.length !== 1) return undefined;
  const consent = await repos.consents.get(parts[0]!);
  if (!consent || !consent.doubleOptIn || !(await repos.contacts.exists(consent.contactId))) return undefined;
  return consent;
}

/**
 * What a valid form post does (campaign spec §4 "Forms"): the contact with that email is
 * created or updated with the fields as properties and the consent's proof kept, in one
 * transaction at the post's place in the inbox's line; in that same transaction either the
 * `form_submitted` event is recorded (so no crash can keep the contact and lose the event), or
 * (double opt-in) a notification email with a signed confirmation link `/c/TOKEN` is written
 * to the outbox.
 */
export class FormIntake implements FormInputs {
  readonly consents: ConsentRepository;

  constructor(
    private readonly runtime: Runtime,
    private readonly secret: Buffer,
  ) {
    this.consents = runtime.repos.consents;
  }

  async submit(form: StoredForm, sub: ValidSubmission, origin: PostOrigin, publicUrl: string): Promise<'accepted' | 'confirmation-sent'> {
    const { runtime } = this;
    const consentId = randomUUID();
    const [outcome] = await runtime.inLine(() =>
      runtime.writeContacts([sub], (s) => {
        const at = runtime.clock.now();
        const existing = runtime.repos.contacts
          .withEmail(s.email, 1)
          .map((id: string) => runtime.repos.store.getContact(id))
          .find(Boolean);
        const contactId = existing?.id ?? timeOrderedId(at);
        let write: ContactWrite | undefined;
        if (!existing) {
          write = { create: newContact(contactId, { email: s.email, properties: s.properties }) };
        } else if (Object.keys(s.properties).length) {
          write = { update: contactId, changes: { properties: s.properties } };
        }
        this.consents.add({
          id: consentId,
          contactId,
          formId: form.id,
          text: form.consent.text,
          at,
          ip: origin.ip,
          userAgent: origin.userAgent.slice(0, MAX_USER_AGENT),
          doubleOptIn: form.doubleOptIn,
          confirmedAt: form.doubleOptIn ? null : at,
        });
        if (form.doubleOptIn) this.writeConfirmationEmail(form, contactId, s.email, consentId, at, publicUrl);
        const events = form.doubleOptIn ? [] : [formSubmitted(consentId, contactId, form.id)];
        return { ...(write ? { write } : {}), events, answer: contactId };
      }),
    );
    if (outcome instanceof Error) throw outcome;
    return form.doubleOptIn ? 'confirmation-sent' : 'accepted';
  }

  find(token: string): Promise<ConsentRecord | undefined> {
    return findConsent(this.secret, this.runtime.repos, token);
  }

  /**
   * Confirms a consent once, at its place in line: the consent is marked confirmed and the event
   * recorded in one transaction (its id is the consent's, so a second click records nothing).
   * A consent older than 7 days records nothing; one erased meanwhile (with its contact) is gone.
   */
  async confirm(consent: ConsentRecord): Promise<'confirmed' | 'expired' | 'gone'> {
    const { runtime } = this;
    const [outcome] = await runtime.inLine(() =>
      runtime.writeContacts([consent], (c) => {
        const at = runtime.clock.now();
        // Read again in line: another click may have confirmed it meanwhile.
        const current = this.consents.get(c.id);
        if (!current) return { answer: 'gone' as const };
        const status = consentStatus(current, at);
        if (status !== 'pending') return { answer: status };
        this.consents.confirm(c.id, at);
        return { events: [formSubmitted(c.id, c.contactId, c.formId)], answer: 'confirmed' as const };
      }),
    );
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  }

  private writeConfirmationEmail(form: StoredForm, contactId: string, to: string, consentId: string, at: number, publicUrl: string): void {
    const link = `${publicUrl}/c/${signToken(this.secret, 'c', [consentId])}`;
    const { subject, body } = confirmationEmail(form, readEmailSettings(this.runtime.repos.settings).senderName, link);
    this.runtime.repos.store.addEmail({
      id: randomUUID(),
      kind: 'notification',
      enrolmentId: '',
      flowId: '',
      contactId,
      node: `form:${form.id}`,
      at,
      to,
      subject,
      body,
    });
  }
}
