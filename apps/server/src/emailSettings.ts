import { EmailSettings } from '@hourglass/api';
import type { EmailLayout } from '@hourglass/engine';
import type { SettingsRepository } from './settingsRepository.ts';

export { EmailSettings };

/** The settings key of the email settings. */
export const EMAIL_SETTINGS_KEY = 'email_settings';
const KEY = EMAIL_SETTINGS_KEY;

// Every email leaving and every hosted page reads the settings: parsed once per stored text.
const parsed = new WeakMap<SettingsReader, { text: string | undefined; value: EmailSettings }>();

/** What reading the settings needs: SQLite's repository, or a PostgreSQL worker's snapshot of the table (pg/pgSettings.ts). */
export type SettingsReader = Pick<SettingsRepository, 'get'>;

/** The settings as stored, or the defaults (one object while they are unchanged: do not modify it). */
export function readEmailSettings(settings: SettingsReader): EmailSettings {
  const text = settings.get(KEY);
  const known = parsed.get(settings);
  if (known && known.text === text) return known.value;
  const value = emailSettingsOf(text);
  parsed.set(settings, { text, value });
  return value;
}

/** The settings from their stored text, or the defaults. */
export function emailSettingsOf(text: string | undefined): EmailSettings {
  const r = EmailSettings.safeParse(text ? JSON.parse(text) : {});
  return r.success ? r.data : EmailSettings.parse({});
}

export function writeEmailSettings(settings: SettingsRepository, value: EmailSettings): void {
  settings.set(KEY, JSON.stringify(value));
}

/** The layout an email is laid into. */
export function layoutOf(s: EmailSettings): EmailLayout {
  return { senderName: s.senderName, postalAddress: s.postalAddress, colors: s.colors, ...(s.logoUrl ? { logoUrl: s.logoUrl } : {}) };
}

/** The From of marketing email without its own sender, or undefined to use SMTP_FROM. */
export function defaultSenderOf(s: EmailSettings): string | undefined {
  if (!s.senderAddress) return undefined;
  return s.senderName ? `${s.senderName} <${s.senderAddress}>` : s.senderAddress;
}
