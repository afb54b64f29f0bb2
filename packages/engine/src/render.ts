import { Liquid, type Template } from 'liquidjs';
import type { ContactRecord } from './records.ts';

// One Liquid engine per time zone, so `{{ contact.webinarAt | date: "%H:%M" }}` shows the
// flow's local time rather than the server's.
const engines = new Map<string, Liquid>();
const liquidFor = (timezone: string) => {
  let engine = engines.get(timezone);
  // ownPropertyOnly (liquidjs' default, stated so it stays): `contact.constructor` is empty.
  if (!engine) engines.set(timezone, (engine = new Liquid({ timezoneOffset: timezone, ownPropertyOnly: true })));
  return engine;
};
const cache = new Map<string, Template[]>();

/**
 * The `contact` variable of email templates: id, email, stage, score, owner and every property.
 * `score` may be given as a function: it is then computed only if a template reads it.
 */
export function templateContact(contact: ContactRecord, score: number | (() => number)): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...contact.properties, id: contact.id, email: contact.email ?? null, stage: contact.stage, owner: contact.owner };
  if (typeof score === 'number') vars.score = score;
  else Object.defineProperty(vars, 'score', { get: score, enumerable: true });
  return vars;
}

/** Whether a template has Liquid in it; text without Liquid's delimiters renders as itself. */
export function hasLiquid(source: string): boolean {
  return source.includes('{{') || source.includes('{%');
}

/**
 * Renders a Liquid template synchronously, dates in `timezone`; parsed templates are cached by
 * their text.
 */
export function renderTemplate(source: string, vars: Record<string, unknown>, timezone = 'UTC'): string {
  if (!hasLiquid(source)) return source;
  const liquid = liquidFor(timezone);
  let parsed = cache.get(source);
  if (!parsed) {
    parsed = liquid.parse(source);
    if (cache.size > 5000) cache.clear();
    cache.set(source, parsed);
  }
  return liquid.renderSync(parsed, vars) as string;
}
