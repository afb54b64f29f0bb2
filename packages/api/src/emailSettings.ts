import { z } from 'zod';
import { DEFAULT_EMAIL_COLORS, EmailAddress, SenderAddress } from '@hourglass/documents';
import { httpUrl } from './httpUrl.ts';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Write a colour as #rrggbb, like "#2563eb".');
const HttpUrl = httpUrl('https://acme.com/logo.png');
/** Printable text on one line, for the footer: no control characters. */
const Line = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'Write it without line breaks or control characters.');

/**
 * The workspace's email settings (campaign spec §2): the sender of marketing email when a
 * `sendEmail` step names none, the footer the law asks for (name and postal address), and the
 * layout's look, also used by the hosted unsubscribe page.
 */
export const EmailSettings = z
  .strictObject({
    senderName: Line(100).default('').meta({ description: "The sender's name: the From name of marketing email and the footer's first line." }),
    senderAddress: EmailAddress.optional().meta({ description: 'The From address of marketing email whose step names no sender; unset: SMTP_FROM.' }),
    postalAddress: z
      .string()
      .max(300)
      .regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, 'Write it without control characters.')
      .default('')
      .meta({ description: "The sender's postal address, shown in every email's footer (the law asks for it)." }),
    logoUrl: HttpUrl.optional(),
    colors: z
      .strictObject({
        background: Color.default(DEFAULT_EMAIL_COLORS.background),
        content: Color.default(DEFAULT_EMAIL_COLORS.content),
        text: Color.default(DEFAULT_EMAIL_COLORS.text),
        accent: Color.default(DEFAULT_EMAIL_COLORS.accent),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    // The name and address become one From header: together they must be one sender.
    if (s.senderAddress && s.senderName) {
      const r = SenderAddress.safeParse(`${s.senderName} <${s.senderAddress}>`);
      if (!r.success) ctx.addIssue({ code: 'custom', path: ['senderName'], message: r.error.issues[0]?.message ?? 'Not a sender name.' });
    }
  });
export type EmailSettings = z.infer<typeof EmailSettings>;
