import { z } from 'zod';
import { httpUrl } from './httpUrl.ts';

// Forms with consent (campaign spec §4 "Forms"): the definition a marketer saves, and the
// consent proof kept per contact.

/**
 * Names a field may not take: the contact's own fields and what a post carries besides the
 * fields (`consent`, `_hp`), `unsubscribed` (a form must not resubscribe anyone), and the names
 * that reach an object's prototype.
 */
export const RESERVED_FIELD_NAMES = [
  'id',
  'stage',
  'owner',
  'unsubscribed',
  'consent',
  '_hp',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
];

export const FormFieldType = z.enum(['email', 'text', 'number', 'select', 'checkbox']);
export type FormFieldType = z.infer<typeof FormFieldType>;

const Label = z.string().trim().min(1, 'Give it a label.').max(200);

export const FormField = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A field name starts with a letter and has only letters, digits and "_" (at most 64).')
      .refine(
        (n) => !RESERVED_FIELD_NAMES.includes(n),
        'This name is reserved (id, stage, owner, unsubscribed, consent and a few more); choose another field name.',
      ),
    label: Label,
    type: FormFieldType,
    required: z.boolean().optional(),
    options: z.array(z.string().trim().min(1).max(200)).max(100).optional().meta({ description: 'The choices of a select field.' }),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && !f.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs at least one option.' });
    if (f.type !== 'select' && f.options !== undefined) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a select field has options.' });
  });
export type FormField = z.infer<typeof FormField>;

const RedirectUrl = httpUrl('https://acme.com/thanks');

/** `PUT /api/forms/:id`: a form's definition. */
export const FormBody = z
  .strictObject({
    name: Label,
    fields: z.array(FormField).min(1).max(50),
    consent: z.strictObject({
      text: z.string().trim().min(1, 'Write the consent text the visitor agrees to.').max(2000),
      required: z.boolean(),
    }),
    doubleOptIn: z.boolean(),
    redirect: RedirectUrl.optional().meta({ description: 'Where a browser goes after a successful post; unset: a thank-you page.' }),
  })
  .superRefine((form, ctx) => {
    const emails = form.fields.filter((f) => f.type === 'email');
    if (emails.length !== 1 || emails[0]!.name !== 'email') {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'A form has exactly one field of type email, named "email".' });
    }
    const seen = new Set<string>();
    form.fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `Two fields are named "${f.name}".` });
      seen.add(f.name);
    });
  });
export type FormBody = z.infer<typeof FormBody>;

export const Form = z.object({
  id: z.string(),
  name: z.string(),
  fields: z.array(FormField),
  consent: z.object({ text: z.string(), required: z.boolean() }),
  doubleOptIn: z.boolean(),
  redirect: z.string().optional(),
  updatedAt: z.string(),
});
export type Form = z.infer<typeof Form>;
export const FormList = z.object({ forms: z.array(Form) });
export type FormList = z.infer<typeof FormList>;

/** The proof of one consent given through a form, as kept for the contact. */
export const Consent = z.object({
  id: z.string(),
  at: z.string(),
  form: z.string(),
  text: z.string().meta({ description: 'The consent text as the visitor saw it.' }),
  ip: z.string(),
  userAgent: z.string(),
  doubleOptIn: z.boolean(),
  status: z.enum(['confirmed', 'pending', 'expired']).meta({
    description:
      'confirmed: given (and with double opt-in confirmed through the link); pending: the link is not followed yet; expired: not followed within 7 days.',
  }),
  confirmedAt: z.string().optional(),
});
export type Consent = z.infer<typeof Consent>;

/** What a JSON post to `/f/:id` is answered when it succeeds. */
export const FormPostAnswer = z.object({ status: z.enum(['accepted', 'confirmation-sent']) });
