import { z } from 'zod';

/**
 * `GET /api/properties`: the contact properties the workspace knows (seen on its newest contacts,
 * asked by its forms, read by its scoring model), so the editor can tell a misspelt
 * `{{ contact.frstName }}` from a real property.
 */
export const KnownProperties = z.object({
  names: z.array(z.string()).nullable().meta({ description: 'Null while the workspace has no contact: then no variable is reported.' }),
});
export type KnownProperties = z.infer<typeof KnownProperties>;
