import { describe, expect, it } from 'vitest';
import { UNSUBSCRIBE_PLACEHOLDER, renderEmail } from './emailHtml.ts';
import { DEFAULT_EMAIL_LAYOUT, type EmailLayout } from './emailLayout.ts';

const layout: EmailLayout = { ...DEFAULT_EMAIL_LAYOUT, senderName: 'Acme GmbH', postalAddress: 'Ring 1, 1010 Wien', logoUrl: 'https://acme.test/logo.png' };
const links = {
  unsubscribeUrl: 'https://hg.test/u/UNSUB',
  track: (url: string) => `https://hg.test/t/${encodeURIComponent(url)}`,
  pixelUrl: 'https://hg.test/o/OPEN',
};

describe('renderEmail', () => {
  it('shows raw HTML in a notification as text, so contact data cannot put markup into it', () => {
    const body = 'Anna <a href="https://evil.test">Reset your password</a><img src="https://evil.test/x"> was handed to you.';
    const { html } = renderEmail({ subject: 'New lead', body, layout, rawHtml: false });
    expect(html).not.toMatch(/<a href="https:\/\/evil\.test"|<img src="https:\/\/evil/);
    expect(html).toContain('&lt;a href="https://evil.test"&gt;Reset your password&lt;/a&gt;');
    // A marketing template's own raw HTML still renders as HTML.
    expect(renderEmail({ subject: 's', body: '<p><a href="https://acme.test">ok</a></p>', layout }).html).toContain('<a href="https://acme.test"');
  });

  it('reads the body as Markdown, raw HTML included, into the layout with the logo and the footer', () => {
    const { html, text } = renderEmail({ subject: 'Hi', body: '# Welcome\n\nSee **this**.\n\n<div class="x">raw</div>\n', layout });
    expect(html).toContain('<h1>Welcome</h1>');
    expect(html).toContain('<strong>this</strong>');
    expect(html).toContain('<div class="x">raw</div>');
    expect(html).toContain('src="https://acme.test/logo.png"');
    expect(html).toContain('Acme GmbH<br>Ring 1, 1010 Wien');
    expect(text).toBe('# Welcome\n\nSee **this**.\n\n<div class="x">raw</div>\n\n-- \nAcme GmbH\nRing 1, 1010 Wien\n');
  });

  it('tracks every http(s) link of a marketing email, in Markdown and raw HTML, but not the unsubscribe link or a data-notrack one', () => {
    const body = `[Docs](https://acme.test/docs?a=1&b=2) <a href="http://acme.test/raw">raw</a> <a href="https://acme.test/keep" data-notrack>keep</a> [mail](mailto:x@acme.test) [Leave](${UNSUBSCRIBE_PLACEHOLDER})`;
    const { html, text } = renderEmail({ subject: 'Hi', body, layout, links });
    expect(html).toContain(`href="https://hg.test/t/${encodeURIComponent('https://acme.test/docs?a=1&b=2')}"`);
    expect(html).toContain(`href="https://hg.test/t/${encodeURIComponent('http://acme.test/raw')}"`);
    expect(html).toContain('href="https://acme.test/keep"');
    expect(html).toContain('href="mailto:x@acme.test"');
    expect(html).toContain('href="https://hg.test/u/UNSUB"');
    // The template placed the link: the footer adds none, in neither part.
    expect(html.match(/hg\.test\/u\/UNSUB/g)).toHaveLength(1);
    expect(text).toContain('[Leave](https://hg.test/u/UNSUB)');
    expect(text).not.toContain('Unsubscribe:');
    expect(html).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
    expect(html.trimEnd()).toMatch(/<img src="https:\/\/hg\.test\/o\/OPEN"[^>]*><\/body><\/html>$/);
  });

  it('adds the unsubscribe link to the footer of both parts when the template has none', () => {
    const { html, text } = renderEmail({ subject: 'Hi', body: 'Hello', layout, links });
    expect(html).toContain('<a href="https://hg.test/u/UNSUB" data-notrack');
    expect(text).toContain('Unsubscribe: https://hg.test/u/UNSUB');
  });

  it('gives a notification no unsubscribe link, no tracking and no pixel', () => {
    const { html } = renderEmail({ subject: 'Lead', body: 'See https://acme.test and [x](https://acme.test/x)', layout });
    expect(html).toContain('href="https://acme.test/x"');
    expect(html).not.toMatch(/Unsubscribe|hg\.test/);
  });

  it('escapes the footer and subject and refuses colours that could end a style', () => {
    const hostile = { ...layout, senderName: '<b>A</b>', colors: { ...layout.colors, accent: 'red;background:url(x)' } };
    const { html } = renderEmail({ subject: '</title><script>', body: '[a](https://a.test)', layout: hostile });
    expect(html).toContain('&lt;b&gt;A&lt;/b&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;');
    expect(html).not.toContain('url(x)');
  });
});
