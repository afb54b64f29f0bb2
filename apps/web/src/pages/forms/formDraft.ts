import type { FormBody, FormField } from '@hourglass/api';

/** What the editor holds: the form's id and its definition. */
export interface FormDraft {
  id: string;
  form: FormBody;
}

export const FIELD_TYPES: { type: FormField['type']; label: string }[] = [
  { type: 'email', label: 'Email' },
  { type: 'text', label: 'Text' },
  { type: 'number', label: 'Number' },
  { type: 'select', label: 'Choice (select)' },
  { type: 'checkbox', label: 'Checkbox' },
];

export function newForm(): FormDraft {
  return {
    id: '',
    form: {
      name: '',
      fields: [
        { name: 'email', label: 'Email', type: 'email', required: true },
        { name: 'firstName', label: 'First name', type: 'text' },
      ],
      consent: { text: 'I agree to receive emails from you. I can unsubscribe at any time.', required: true },
      doubleOptIn: true,
    },
  };
}

/** The definition as saved: only the fields a type uses, nothing empty. */
export function cleanForm(form: FormBody): FormBody {
  const { redirect, ...rest } = form;
  return {
    ...rest,
    fields: form.fields.map(({ options, required, ...f }) => ({
      ...f,
      ...(required ? { required } : {}),
      ...(f.type === 'select' ? { options: (options ?? []).filter((o) => o.trim() !== '') } : {}),
    })),
    ...(redirect?.trim() ? { redirect: redirect.trim() } : {}),
  };
}

/** Moves the field at `from` one place up (-1) or down (+1). */
export function moveField(fields: readonly FormField[], from: number, by: -1 | 1): FormField[] {
  const to = from + by;
  if (to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
