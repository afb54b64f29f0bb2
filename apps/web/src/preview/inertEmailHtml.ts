/**
 * An email's HTML as sent, made safe to look at in the mailbox: the open pixel (`/o/TOKEN`) is
 * removed and links lead nowhere (their address shows on hover), so that a marketer reading it
 * records no open, no click and no unsubscribe for the contact.
 */
export function inertEmailHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const img of doc.querySelectorAll('img')) {
    if (/^\/o\/[^/]+$/.test(pathOf(img.getAttribute('src') ?? ''))) img.remove();
  }
  for (const a of doc.querySelectorAll('a[href]')) {
    a.setAttribute('title', a.getAttribute('href')!);
    a.removeAttribute('href');
    a.setAttribute('style', `${a.getAttribute('style') ?? ''};cursor:default;text-decoration:underline;`);
  }
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

function pathOf(src: string): string {
  try {
    return new URL(src).pathname;
  } catch {
    return '';
  }
}
