import render from 'dom-serializer';
import { Element, type ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import { layOut, type EmailLayout } from './emailLayout.ts';

/**
 * What `{{ unsubscribe_url }}` renders to when the engine renders a template: the real link is
 * signed only when the email leaves (the engine knows no secret), so a stand-in marks where it
 * goes. The `.invalid` domain (RFC 2606) can never resolve, should one ever slip out.
 */
export const UNSUBSCRIBE_PLACEHOLDER = 'https://hourglass.invalid/unsubscribe';

// CommonMark with raw HTML allowed (the preset's own setting), as the campaign spec asks.
const markdown = new MarkdownIt('commonmark', { html: true });
// A notification's body is written by Hourglass around contact data (a name from a form): raw
// HTML in it is shown as text, so nobody can put markup into the email a sales owner receives.
const textOnlyMarkdown = new MarkdownIt('commonmark', { html: false });

/** The links a marketing email carries; a notification has none. */
export interface EmailLinks {
  /** Replaces the placeholder; the footer adds it when the body does not use it. */
  unsubscribeUrl: string;
  /** The tracked address of a link (`PUBLIC/t/TOKEN`); without it links stay as written. */
  track?: (url: string) => string;
  /** The open pixel's address (`PUBLIC/o/TOKEN`). */
  pixelUrl?: string;
}

/** An email as it leaves: the HTML part and the text part. */
export interface EmailParts {
  html: string;
  text: string;
}

function walk(nodes: ChildNode[], visit: (el: Element) => void) {
  for (const node of nodes) {
    if (node instanceof Element) {
      visit(node);
      walk(node.children, visit);
    }
  }
}

/**
 * Rewrites the links of body HTML, read with a real HTML parser (raw HTML blocks included): the
 * unsubscribe link and links marked `data-notrack` stay, every other http(s) link goes through
 * `track`; links without a style of their own get the accent colour.
 */
function rewriteLinks(html: string, accent: string, unsubscribeUrl: string | undefined, track: ((url: string) => string) | undefined): string {
  const doc = parseDocument(html, { decodeEntities: true });
  walk(doc.children, (el) => {
    if (el.name !== 'a') return;
    const href = el.attribs.href?.trim();
    if (!el.attribs.style) el.attribs.style = `color:${accent};`;
    if (!href || !track || href === unsubscribeUrl || 'data-notrack' in el.attribs) return;
    if (/^https?:\/\//i.test(href)) el.attribs.href = track(href);
  });
  return render(doc, { encodeEntities: 'utf8' });
}

/**
 * Builds an email's parts from its rendered body (Liquid already done): the body is read as
 * Markdown into HTML and laid into the workspace's layout; the text part is the body itself.
 * With `links` (a marketing email), `{{ unsubscribe_url }}` becomes the unsubscribe link, the
 * footer adds one when the body has none, links are tracked and the open pixel ends the HTML.
 * Pure and isomorphic: the server sends what the editor's preview shows.
 */
export function renderEmail(input: { subject: string; body: string; layout: EmailLayout; links?: EmailLinks; rawHtml?: boolean }): EmailParts {
  const { layout, links } = input;
  const usesUnsubscribe = input.body.includes(UNSUBSCRIBE_PLACEHOLDER);
  const body = links ? input.body.replaceAll(UNSUBSCRIBE_PLACEHOLDER, links.unsubscribeUrl) : input.body;
  const accent = /^#[0-9a-fA-F]{6}$/.test(layout.colors?.accent ?? '') ? layout.colors.accent : '#2563eb';
  const bodyHtml = rewriteLinks((input.rawHtml === false ? textOnlyMarkdown : markdown).render(body), accent, links?.unsubscribeUrl, links?.track);
  const footerUnsubscribe = links && !usesUnsubscribe ? links.unsubscribeUrl : undefined;
  const html = layOut({
    subject: input.subject,
    bodyHtml,
    layout,
    ...(footerUnsubscribe ? { unsubscribeUrl: footerUnsubscribe } : {}),
    ...(links?.pixelUrl ? { pixelUrl: links.pixelUrl } : {}),
  });
  const footer = [layout.senderName.trim(), layout.postalAddress.trim()].filter(Boolean);
  if (footerUnsubscribe) footer.push(`Unsubscribe: ${footerUnsubscribe}`);
  const text = footer.length ? `${body.trimEnd()}\n\n-- \n${footer.join('\n')}\n` : body;
  return { html, text };
}
