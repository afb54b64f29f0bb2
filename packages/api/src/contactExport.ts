import { z } from 'zod';
import { Contact, TraceStep } from '@hourglass/documents';
import { Consent } from './forms.ts';
import { ContactEvent, Enrolment, Handoff, OutboxEmail, ScoreSplit } from './apiSchemas.ts';

export const CONTACT_EXPORT_FORMAT = 'hourglass.contact-export/1';

const Timer = z.object({ id: z.string(), event: z.string(), wakeAt: z.string() });

/**
 * Everything stored about one contact, as `GET /api/contacts/:id/export` answers it (the right
 * of access and to data portability). Lists are oldest first.
 */
export const ContactExport = z.object({
  format: z.literal(CONTACT_EXPORT_FORMAT),
  exportedAt: z.string(),
  contact: Contact,
  score: ScoreSplit,
  events: z.array(ContactEvent),
  /** Events accepted but not processed yet, as the client sent them, with the instant they arrived. */
  queuedEvents: z.array(z.object({ acceptedAt: z.string(), event: z.record(z.string(), z.unknown()) })),
  /** Steps as in a trace: a step a migration moved the contact onto says from where (`migratedFrom`). */
  enrolments: z.array(Enrolment.extend({ steps: z.array(TraceStep), timers: z.array(Timer) })),
  emails: z.array(OutboxEmail),
  handoffs: z.array(Handoff),
  /** The consents given through forms, oldest first. */
  consents: z.array(Consent),
});
export type ContactExport = z.infer<typeof ContactExport>;
