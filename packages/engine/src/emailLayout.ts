import { DEFAULT_EMAIL_COLORS } from '@hourglass/documents';
/** The workspace's look of an email: colours, logo and the footer the law asks for. */
export interface EmailLayout {
  /** The sender's name in the footer (a company, a person). */
  senderName: string;
  /** The sender's postal address in the footer (required for marketing email in the EU and the US). */
  postalAddress: string;
  /** An http(s) URL of the logo shown above the body. */
  logoUrl?: string;
  /** `#rrggbb` colours: the page around the email, the email's card, its text and its links. */
  colors: { background: string; content: string; text: string; accent: string };
}

export const DEFAULT_EMAIL_LAYOUT: EmailLayout = {
  senderName: '',
  postalAddress: '',
  colors: { ...DEFAULT_EMAIL_COLORS },
};

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The layout's colours, each a `#rrggbb` value: anything else (which could end a style) falls back to the default. */
export function layoutColors(layout: EmailLayout): EmailLayout['colors'] {
  const d = DEFAULT_EMAIL_LAYOUT.colors;
  const pick = (v: string | undefined, fallback: string) => (v && HEX.test(v) ? v : fallback);
  return {
    background: pick(layout.colors?.background, d.background),
    content: pick(layout.colors?.content, d.content),
    text: pick(layout.colors?.text, d.text),
    accent: pick(layout.colors?.accent, d.accent),
  };
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * Lays an email's body HTML into the responsive layout: tables and inline styles, because mail
 * clients (Outlook above all) ignore most CSS; one media query narrows it on a phone. The
 * footer has the sender's name and postal address and, when given, the unsubscribe link.
 */
export function layOut(input: { subject: string; bodyHtml: string; layout: EmailLayout; unsubscribeUrl?: string; pixelUrl?: string }): string {
  const { layout } = input;
  const c = layoutColors(layout);
  const logo =
    layout.logoUrl && /^https?:\/\//i.test(layout.logoUrl)
      ? `<tr><td style="padding:24px 32px 0 32px;"><img src="${escapeHtml(layout.logoUrl)}" alt="${escapeHtml(layout.senderName)}" height="40" style="display:block;border:0;height:40px;width:auto;max-width:100%;"></td></tr>`
      : '';
  const footerLines = [layout.senderName, layout.postalAddress]
    .map((s) => s.trim())
    .filter(Boolean)
    .map(escapeHtml);
  const unsubscribe = input.unsubscribeUrl
    ? `<a href="${escapeHtml(input.unsubscribeUrl)}" data-notrack style="color:${c.accent};text-decoration:underline;">Unsubscribe</a>`
    : '';
  const footer = [footerLines.join('<br>'), unsubscribe].filter(Boolean).join('<br><br>');
  const pixel = input.pixelUrl
    ? `<img src="${escapeHtml(input.pixelUrl)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px;">`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(input.subject)}</title>
<style>@media only screen and (max-width:620px){.hg-card{width:100% !important;}.hg-pad{padding:20px 16px !important;}}img{max-width:100%;}</style></head>
<body style="margin:0;padding:0;background-color:${c.background};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${c.background};"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" class="hg-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background-color:${c.content};border-radius:8px;">
${logo}<tr><td class="hg-pad" style="padding:32px;font-family:${FONT};font-size:16px;line-height:1.6;color:${c.text};">
${input.bodyHtml}
</td></tr></table>
${footer ? `<table role="presentation" class="hg-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;"><tr><td class="hg-pad" style="padding:16px 32px;font-family:${FONT};font-size:12px;line-height:1.5;color:#6b7280;text-align:center;">${footer}</td></tr></table>` : ''}
</td></tr></table>
${pixel}</body></html>`;
}
