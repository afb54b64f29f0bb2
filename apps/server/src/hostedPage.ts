import { escapeHtml, layoutColors } from '@hourglass/engine';
import type { MiddlewareHandler } from 'hono';
import type { EmailSettings } from './emailSettings.ts';

/** A button of a hosted page: a form that posts `action` back to the page's own address. */
export interface PageButton {
  action: string;
  label: string;
  primary?: boolean;
}

/**
 * The frame of every public page (unsubscribe, forms, confirmations) in the workspace's look:
 * its colours, logo, name and postal address, with `css` for what the page adds. No script.
 */
export function hostedShell(settings: EmailSettings, title: string, css: (c: ReturnType<typeof layoutColors>) => string, body: string): string {
  const c = layoutColors({ senderName: settings.senderName, postalAddress: settings.postalAddress, colors: settings.colors });
  const logo = settings.logoUrl ? `<img src="${escapeHtml(settings.logoUrl)}" alt="${escapeHtml(settings.senderName)}" class="logo">` : '';
  const footer = [settings.senderName, settings.postalAddress]
    .map((s) => s.trim())
    .filter(Boolean)
    .map(escapeHtml)
    .join('<br>');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;padding:24px 12px;background:${c.background};color:${c.text};font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;line-height:1.5}
main{max-width:480px;margin:0 auto;background:${c.content};border-radius:8px;padding:32px}
.logo{display:block;height:40px;width:auto;max-width:100%;margin-bottom:24px}
h1{font-size:22px;margin:0 0 12px}
${css(c)}
footer{max-width:480px;margin:16px auto 0;font-size:12px;color:#6b7280;text-align:center}
</style></head>
<body><main>${logo}${body}</main>${footer ? `<footer>${footer}</footer>` : ''}</body></html>`;
}

/** The policy of hosted pages: no script, their own styles, a logo from anywhere, forms posting back here (or to `formAction` too). */
export const hostedPagePolicy = (formAction?: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; form-action 'self'${formAction ? ` ${formAction}` : ''}; base-uri 'none'; frame-ancestors 'none'`;

/**
 * A public page (the unsubscribe page) in the workspace's look: a form posting to the page's
 * own address, so it works under the strict policy of `hostedPageHeaders`.
 */
export function hostedPage(settings: EmailSettings, content: { title: string; message: string; buttons: PageButton[] }): string {
  const buttons = content.buttons
    .map(
      (b) =>
        `<form method="post"><input type="hidden" name="action" value="${escapeHtml(b.action)}"><button type="submit" class="${b.primary ? 'primary' : 'secondary'}">${escapeHtml(b.label)}</button></form>`,
    )
    .join('');
  const css = (c: ReturnType<typeof layoutColors>) => `form{display:inline-block;margin:16px 12px 0 0}
button{font:inherit;border-radius:6px;padding:10px 18px;cursor:pointer;border:2px solid ${c.accent}}
.primary{background:${c.accent};color:#fff}
.secondary{background:transparent;color:${c.accent}}`;
  return hostedShell(settings, content.title, css, `<h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(content.message)}</p>${buttons}`);
}

/**
 * The headers of hosted pages, set after the app-wide ones (this middleware is registered
 * before them): no script, styles from the page itself, the logo from any https address,
 * forms posting only back here, never framed, never cached.
 */
export const hostedPageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Content-Security-Policy', hostedPagePolicy());
  c.res.headers.set('Cache-Control', 'no-store');
};
