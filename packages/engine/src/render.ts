import { Liquid, type Template } from 'liquidjs';
import type { ContactRecord } from './records.ts';

const liquid = new Liquid();
const cache = new Map<string, Template[]>();

/** The `contact` variable of email templates: id, email, stage, score, owner and every property. */
export function templateContact(contact: ContactRecord, score: number): Record<string, unknown> {
  return { ...contact.properties, id: contact.id, email: contact.email ?? null, stage: contact.stage, score, owner: contact.owner };
}

/** Renders a Liquid template synchronously; parsed templates are cached by their text. */
export function renderTemplate(source: string, vars: Record<string, unknown>): string {
  let parsed = cache.get(source);
  if (!parsed) {
    parsed = liquid.parse(source);
    if (cache.size > 5000) cache.clear();
    cache.set(source, parsed);
  }
  return liquid.renderSync(parsed, vars) as string;
}
