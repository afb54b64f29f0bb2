import { Liquid, type Template } from 'liquidjs';
import type { ContactRecord } from './records.ts';

// One Liquid engine per time zone, so `{{ contact.webinarAt | date: "%H:%M" }}` shows the
// flow's local time rather than the server's.
const engines = new Map<string, Liquid>();
const liquidFor = (timezone: string) => {
  let engine = engines.get(timezone);
  if (!engine) engines.set(timezone, (engine = new Liquid({ timezoneOffset: timezone })));
  return engine;
};
const cache = new Map<string, Template[]>();

/** The `contact` variable of email templates: id, email, stage, score, owner and every property. */
export function templateContact(contact: ContactRecord, score: number): Record<string, unknown> {
  return { ...contact.properties, id: contact.id, email: contact.email ?? null, stage: contact.stage, score, owner: contact.owner };
}

/**
 * Renders a Liquid template synchronously, dates in `timezone`; parsed templates are cached by
 * their text.
 */
export function renderTemplate(source: string, vars: Record<string, unknown>, timezone = 'UTC'): string {
  const liquid = liquidFor(timezone);
  let parsed = cache.get(source);
  if (!parsed) {
    parsed = liquid.parse(source);
    if (cache.size > 5000) cache.clear();
    cache.set(source, parsed);
  }
  return liquid.renderSync(parsed, vars) as string;
}
