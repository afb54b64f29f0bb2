import { documentPropertyNames, type ScoringModel } from '@hourglass/documents';
import type { Repositories } from './repositories.ts';

/** How many of the newest contacts are read for their property names: a bounded cost per save. */
export const PROPERTY_SAMPLE = 1000;

/**
 * The contact properties the workspace knows, for the check of email templates' variables
 * (`templateVariableProblems`): those seen on the 1,000 most recently created contacts (about
 * 10 ms), the fields of its forms and the properties its scoring model asks about. Sorted, once
 * each. Null while the workspace has no contact: a property no contact has yet cannot be told
 * from a misspelt one, and every `{{ contact.firstName }}` of a new workspace would be flagged.
 */
export function knownPropertyNames(repos: Repositories, scoring: ScoringModel): string[] | null {
  if (!repos.contacts.any()) return null;
  const names = new Set<string>(repos.contacts.propertyNames(PROPERTY_SAMPLE));
  for (const form of repos.forms.list()) for (const field of form.fields) names.add(field.name);
  for (const name of documentPropertyNames(scoring)) names.add(name);
  return [...names].sort();
}
