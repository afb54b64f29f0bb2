import { renderEmail } from '@hourglass/engine';
import { defaultSenderOf, layoutOf, readEmailSettings, type SettingsReader } from './emailSettings.ts';
import type { OutboxEntry } from './outboxRepository.ts';
import { signToken } from './publicToken.ts';

/** An email ready to leave: both parts, the extra headers and, for marketing, the workspace's sender. */
export interface ComposedEmail {
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The workspace's sender, for a marketing email whose step names none. */
  from?: string;
}

export interface ComposerOptions {
  settings: SettingsReader;
  secret: Buffer;
  /** HOURGLASS_PUBLIC_URL (known once the server listens, for the default). */
  publicUrl: () => string;
}

/** The public links of one marketing email (campaign spec §2), each with its own signed token. */
export function publicLinksOf(emailId: string, secret: Buffer, publicUrl: string) {
  return {
    unsubscribeUrl: `${publicUrl}/u/${signToken(secret, 'u', [emailId])}`,
    pixelUrl: `${publicUrl}/o/${signToken(secret, 'o', [emailId])}`,
    track: (url: string) => `${publicUrl}/t/${signToken(secret, 't', [emailId, url])}`,
  };
}

/**
 * Builds emails as they leave, from the rendered body kept in the outbox and the workspace's
 * settings at that moment: a marketing email gets the unsubscribe link and headers (RFC 8058),
 * tracked links and the open pixel; a notification gets the layout only.
 */
export function emailComposer({ settings, secret, publicUrl }: ComposerOptions): (email: OutboxEntry) => ComposedEmail {
  return (email): ComposedEmail => {
    const s = readEmailSettings(settings);
    const layout = layoutOf(s);
    if (email.kind !== 'marketing') return { ...renderEmail({ subject: email.subject, body: email.body, layout, rawHtml: false }), headers: {} };
    const links = publicLinksOf(email.id, secret, publicUrl());
    const parts = renderEmail({ subject: email.subject, body: email.body, layout, links });
    const from = defaultSenderOf(s);
    return {
      ...parts,
      headers: { 'List-Unsubscribe': `<${links.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      ...(from ? { from } : {}),
    };
  };
}
