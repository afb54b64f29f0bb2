import { DEFAULT_EMAIL_LAYOUT, renderEmail } from '@hourglass/engine';

/**
 * The first link of an email body that the server would track (an http(s) link that is not the
 * unsubscribe link), read with the renderer the server sends with, so a suggested click carries
 * the `url` a real click on it records. A link built by Liquid is skipped: its address depends on
 * the contact. Undefined when there is none.
 */
export function firstLink(body: string): string | undefined {
  const links: string[] = [];
  try {
    renderEmail({ subject: '', body, layout: DEFAULT_EMAIL_LAYOUT, links: { unsubscribeUrl: '#unsubscribe', track: (url) => (links.push(url), url) } });
  } catch {
    return undefined;
  }
  return links.find((url) => !/[{}]|%7B|%7D/i.test(url));
}
