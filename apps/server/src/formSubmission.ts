import { emailAddressError, type Problem, type Scalar } from '@hourglass/documents';
import type { FormBody, FormField } from '@hourglass/api';

/** A valid post to a form: the contact's email, the other fields as properties, and whether consent was given. */
export interface ValidSubmission {
  email: string;
  properties: Record<string, Scalar>;
  consent: boolean;
}

export type SubmissionCheck = { ok: true; honeypot: boolean; submission: ValidSubmission } | { ok: false; honeypot: boolean; problems: Problem[] };

const MAX_TEXT = 1000;
const TRUE_WORDS = new Set(['on', 'true', 'yes', '1']);

/** What a browser sends for a ticked checkbox (`on`), or JSON's `true`. */
const isTicked = (v: unknown) => v === true || (typeof v === 'string' && TRUE_WORDS.has(v.trim().toLowerCase()));
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks a post's values (strings from a browser form, or JSON values) against the form's
 * fields: every problem is listed with the field's name as its pointer. Values of names the
 * form does not have are ignored, so a post cannot set any other property.
 */
export function checkSubmission(form: FormBody, values: Record<string, unknown>): SubmissionCheck {
  const honeypot = !isBlank(values._hp);
  const problems: Problem[] = [];
  const problem = (field: string, message: string) => problems.push({ severity: 'error', code: 'bad-field', pointer: `/${field}`, message });
  const properties: Record<string, Scalar> = {};
  let email = '';
  for (const field of form.fields) {
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    const checked = checkField(field, value);
    if ('error' in checked) problem(field.name, checked.error);
    else if (field.type === 'email') email = checked.value as string;
    else if (checked.value !== undefined) properties[field.name] = checked.value;
  }
  const consent = isTicked(values.consent);
  if (form.consent.required && !consent) problem('consent', 'Please give your consent to continue.');
  if (problems.length) return { ok: false, honeypot, problems };
  return { ok: true, honeypot, submission: { email, properties, consent } };
}

function checkField(field: FormField, value: unknown): { value: Scalar | undefined } | { error: string } {
  const label = field.label;
  if (field.type === 'checkbox') {
    const ticked = isTicked(value);
    if (field.required && !ticked) return { error: `Please tick "${label}".` };
    return { value: ticked };
  }
  // The email is the contact's key: a post without one cannot be stored, required or not.
  if (isBlank(value)) return field.required || field.type === 'email' ? { error: `Please fill in "${label}".` } : { value: undefined };
  if (typeof value !== 'string' && typeof value !== 'number') return { error: `"${label}" must be text.` };
  const text = String(value).trim();
  if (text.length > MAX_TEXT) return { error: `"${label}" is at most ${MAX_TEXT} characters.` };
  switch (field.type) {
    case 'email': {
      const error = emailAddressError(text);
      return error ? { error } : { value: text };
    }
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n) ? { value: n } : { error: `"${label}" must be a number.` };
    }
    case 'select':
      return field.options?.includes(text) ? { value: text } : { error: `Choose one of the options of "${label}".` };
    default:
      return { value: text };
  }
}
