import { randomUUID } from 'node:crypto';
import type { EmailOrigin } from './outboxRepository.ts';
import { verifyToken, type TokenPurpose } from './publicToken.ts';
import type { IncomingEvent } from './runtime.ts';
import type { ApiRepositories, ApiRuntime } from './storeApi.ts';

/** A verified token's email, with the URL of a tracked link. */
export interface TokenTarget {
  email: EmailOrigin;
  url?: string;
}

/** Whether the contact is unsubscribed after a `/u` post, and whether the post changed it. */
export interface SubscriptionOutcome {
  unsubscribed: boolean;
}

/**
 * What comes back from sent email (campaign spec §3): clicks, opens, unsubscribes and
 * resubscribes, each recorded as an event of the email's contact through the same durable
 * inbox as `POST /api/events`, so a flow waiting for it moves on and scoring counts it.
 */
export class Engagement {
  constructor(
    private readonly runtime: Pick<ApiRuntime, 'submit'>,
    private readonly repos: Pick<ApiRepositories, 'outbox' | 'store' | 'contacts'>,
    private readonly secret: Buffer,
  ) {}

  /**
   * The marketing email a token names, when it verifies for `purpose` and the email and its
   * contact still exist; undefined otherwise (erasing a contact deletes its emails).
   */
  async find(purpose: 't' | 'o' | 'u', token: string): Promise<TokenTarget | undefined> {
    const parts = verifyToken(this.secret, purpose as TokenPurpose, token);
    if (!parts || parts.length !== (purpose === 't' ? 2 : 1)) return undefined;
    const email = await this.repos.outbox.origin(parts[0]!);
    if (!email || email.kind !== 'marketing') return undefined;
    if (purpose === 't' && !/^https?:\/\//i.test(parts[1]!)) return undefined;
    return purpose === 't' ? { email, url: parts[1]! } : { email };
  }

  /** Records a click: answered once the event is durable in the inbox (it is processed right after). */
  async clicked(target: TokenTarget): Promise<void> {
    await this.record(
      { id: randomUUID(), contactId: target.email.contactId, type: 'email_clicked', data: { ...this.about(target.email), url: target.url! } },
      'accepted',
    );
  }

  async opened(target: TokenTarget): Promise<void> {
    await this.record({ id: randomUUID(), contactId: target.email.contactId, type: 'email_opened', data: this.about(target.email) }, 'accepted');
  }

  /** Whether the email's contact is unsubscribed now. */
  async isUnsubscribed(email: EmailOrigin): Promise<boolean> {
    return (await this.repos.store.getContact(email.contactId))?.properties.unsubscribed === true;
  }

  /**
   * Unsubscribes (or, with `resubscribe`, subscribes again) the email's contact. A contact
   * already in that state records nothing, so unsubscribing twice records one event. The id
   * counts the contact's earlier events of the type, so two posts that race (both seeing the
   * contact subscribed) carry the same id and the second is a duplicate. Answered once processed,
   * so the page tells the state later emails will see.
   */
  async setSubscription(email: EmailOrigin, resubscribe: boolean): Promise<SubscriptionOutcome> {
    const unsubscribed = await this.isUnsubscribed(email);
    if (unsubscribed === !resubscribe) return { unsubscribed };
    const type = resubscribe ? 'resubscribed' : 'unsubscribed';
    const n = await this.repos.contacts.countOfType(email.contactId, type);
    await this.record(
      {
        id: `${type}:${email.contactId}:${n + 1}`,
        contactId: email.contactId,
        type,
        data: this.about(email),
        // The engine sets `unsubscribed` on the event of that name; subscribing again clears it here.
        ...(resubscribe ? { properties: { unsubscribed: false } } : {}),
      },
      'processed',
    );
    return { unsubscribed: await this.isUnsubscribed(email) };
  }

  private about(email: EmailOrigin) {
    return { email: email.node, flow: email.flowId };
  }

  private async record(event: IncomingEvent, when: 'accepted' | 'processed'): Promise<void> {
    await this.runtime.submit([event], when);
  }
}
