import { documentPropertyNames, type ScoringModel } from '@hourglass/documents';
import type { ApiRepositories, Awaitable } from './storeApi.ts';

/** How many of the newest contacts are read for their property names: a bounded cost per save. */
export const PROPERTY_SAMPLE = 1000;

/**
 * The contact properties the workspace knows, for the check of email templates' variables
 * (`templateVariableProblems`): those seen on the 1,000 most recently created contacts (about
 * 10 ms), the fields of its forms and the properties its scoring model asks about. Sorted, once
 * each. Null while the workspace has no contact: a property no contact has yet cannot be told
 * from a misspelt one, and every `{{ contact.firstName }}` of a new workspace would be flagged.
 */
export function knownPropertyNames<R extends Pick<ApiRepositories, 'contacts' | 'forms'>>(repos: R, scoring: ScoringModel): KnownNames<R> {
  return chain(repos.contacts.any(), (any) => {
    if (!any) return null;
    return chain(repos.contacts.propertyNames(PROPERTY_SAMPLE), (contactNames) =>
      chain(repos.forms.list(), (forms) => {
        const names = new Set<string>(contactNames);
        for (const form of forms) for (const field of form.fields) names.add(field.name);
        for (const name of documentPropertyNames(scoring)) names.add(name);
        return [...names].sort();
      }),
    );
  }) as KnownNames<R>;
}

/** Synchronous over synchronous repositories (SQLite's, for its synchronous workspace), else a promise. */
type KnownNames<R extends Pick<ApiRepositories, 'contacts' | 'forms'>> =
  ReturnType<R['contacts']['any']> extends Promise<unknown> ? Promise<string[] | null> : string[] | null;

/** `then` without making a synchronous answer a promise. */
function chain<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
