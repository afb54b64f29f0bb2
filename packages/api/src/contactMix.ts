import { z } from 'zod';
import { Stage } from '@hourglass/documents';

/** How the values of one contact property are spread over the workspace's contacts. */
export const PropertyValues = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('number'),
    /** Contacts with a number in this property. */
    contacts: z.number().int(),
    min: z.number(),
    max: z.number(),
    /** Whether every value is a whole number (employees) rather than a measure (revenue). */
    integer: z.boolean(),
  }),
  z.object({
    kind: z.literal('text'),
    /** Contacts with a text (or true/false) in this property. */
    contacts: z.number().int(),
    /** The most common values with their number of contacts, most common first. */
    values: z.record(z.string(), z.number().int()),
    /** How many different values there are in all (more than `values` lists when they are many). */
    distinct: z.number().int(),
  }),
]);
export type PropertyValues = z.infer<typeof PropertyValues>;

/**
 * `GET /api/contact-mix`: the spread of the workspace's contacts over stages and property
 * values, for a forecast's synthetic cohort to look like them. Properties whose values are
 * nearly all different (names, addresses) say nothing about a cohort and are left out.
 */
export const ContactMix = z.object({
  contacts: z.number().int(),
  stages: z.partialRecord(Stage, z.number().int()),
  properties: z.record(z.string(), PropertyValues),
});
export type ContactMix = z.infer<typeof ContactMix>;
