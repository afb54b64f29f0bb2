import { TemplateError, UNSUBSCRIBE_PLACEHOLDER, renderTemplate, templateContact } from '@hourglass/engine';
import type { SampleContact } from './sampleContact.ts';

export type Rendered = { ok: true; text: string } | { ok: false; error: string };

/** Renders a Liquid template for a sample contact as the engine will (same renderer, same variables). */
export function renderEmailPreview(template: string, sample: SampleContact): Rendered {
  try {
    return { ok: true, text: renderTemplate(template, { contact: templateContact(sample.contact, sample.score), unsubscribe_url: UNSUBSCRIBE_PLACEHOLDER }) };
  } catch (e) {
    return { ok: false, error: `This template cannot be shown: ${e instanceof TemplateError ? e.reason : (e as Error).message.split('\n')[0]}` };
  }
}
