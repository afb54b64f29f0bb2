import { z } from 'zod';

/**
 * `GET /api/settings/public`: where the public pages live (HOURGLASS_PUBLIC_URL, or this server's
 * address), so the app shows a form's hosted link and embed snippet as visitors will use them
 * rather than with the address the marketer's browser happens to use.
 */
export const PublicSettings = z.object({
  publicUrl: z
    .string()
    .meta({ description: 'The origin (and path) of public links: hosted forms, confirmation, tracking and unsubscribe links. No trailing slash.' }),
});
export type PublicSettings = z.infer<typeof PublicSettings>;
