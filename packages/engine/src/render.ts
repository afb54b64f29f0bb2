import { TEMPLATE_LIMITS, createLiquid, templateSizeProblem } from '@hourglass/documents';
import { Context, toValue, toValueSync, type Emitter, type Liquid, type Template } from 'liquidjs';
import type { ContactRecord } from './records.ts';

// One Liquid engine per time zone, so `{{ contact.webinarAt | date: "%H:%M" }}` shows the
// flow's local time rather than the server's.
const engines = new Map<string, Liquid>();
const liquidFor = (timezone: string) => {
  let engine = engines.get(timezone);
  if (!engine) engines.set(timezone, (engine = createLiquid(timezone)));
  return engine;
};
const cache = new Map<string, Template[]>();

/** A template that could not be rendered; `reason` says why, in words a marketer understands. */
export class TemplateError extends Error {
  constructor(readonly reason: string) {
    super(`The template cannot be rendered: ${reason}.`);
  }
}

/**
 * The `contact` variable of email templates: id, email, stage, score, owner and every property.
 * `score` may be given as a function: it is then computed only if a template reads it.
 */
export function templateContact(contact: ContactRecord, score: number | (() => number)): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...contact.properties, id: contact.id, email: contact.email ?? null, stage: contact.stage, owner: contact.owner };
  if (typeof score === 'number') vars.score = score;
  else Object.defineProperty(vars, 'score', { get: score, enumerable: true });
  return vars;
}

/** Whether a template has Liquid in it; text without Liquid's delimiters renders as itself. */
export function hasLiquid(source: string): boolean {
  return source.includes('{{') || source.includes('{%');
}

const n = (x: number) => x.toLocaleString('en');

/** Liquid's own way of writing a value into the output (liquidjs's `stringify`). */
function outputText(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(outputText).join('');
  return String(v);
}

/** Collects the output and stops the render as soon as it is longer than allowed. */
class CappedEmitter implements Emitter {
  buffer = '';
  constructor(private readonly maxChars: number) {}
  write(html: unknown) {
    this.buffer += outputText(html);
    if (this.buffer.length > this.maxChars) throw new TemplateError(`it renders to more than the ${n(this.maxChars)} characters allowed`);
  }
}

/** Whether liquidjs stopped a render at its time limit (`renderLimit`). */
function isTimeLimit(e: unknown): boolean {
  return (e instanceof Error ? e.message : String(e)).includes('template render limit exceeded');
}

/** Liquid's errors in words a marketer understands. */
function reason(e: unknown): string {
  // Liquid appends where it failed (", line:1, col:9"); the sentence reads better without it.
  const message = (e instanceof Error ? e.message : String(e))
    .split('\n')[0]!
    .replace(/, line:\d+, col:\d+$/, '')
    .replace(/\.$/, '');
  if (message.includes('template render limit exceeded')) return `it takes longer than ${TEMPLATE_LIMITS.retryRenderMs} ms to render (a loop too long?)`;
  if (message.includes('memory alloc limit exceeded')) return `it builds more than ${n(TEMPLATE_LIMITS.memory)} characters or items while rendering`;
  return message;
}

/**
 * Renders a Liquid template synchronously, dates in `timezone`; parsed templates are cached by
 * their text. Throws a `TemplateError` when the template is too big, does not parse, reads a
 * file, goes over a limit of `TEMPLATE_LIMITS` or renders to more than `maxChars` characters
 * (checked while it renders, so a loop cannot build a huge text first).
 */
export function renderTemplate(source: string, vars: Record<string, unknown>, timezone = 'UTC', maxChars: number = TEMPLATE_LIMITS.bodyChars): string {
  if (!hasLiquid(source)) {
    if (source.length > maxChars) throw new TemplateError(`it is ${n(source.length)} characters long, more than the ${n(maxChars)} allowed`);
    return source;
  }
  const liquid = liquidFor(timezone);
  try {
    let parsed = cache.get(source);
    if (!parsed) {
      const size = templateSizeProblem(source);
      if (size) throw new TemplateError(size.message.replace(/^This template has/, 'it has').replace(/\.$/, ''));
      parsed = liquid.parse(source);
      if (cache.size > 5000) cache.clear();
      cache.set(source, parsed);
    }
    const templates = parsed;
    const attempt = (renderLimit: number) => {
      const emitter = new CappedEmitter(maxChars);
      const ctx = new Context(vars, liquid.options, { sync: true, renderLimit }, { liquid });
      toValueSync(liquid.renderer.renderTemplates(templates, ctx, emitter));
      return emitter.buffer;
    };
    try {
      return attempt(TEMPLATE_LIMITS.renderMs);
    } catch (e) {
      // The time limit is wall-clock: once more with a longer one before calling the template slow.
      if (!isTimeLimit(e)) throw e;
      return attempt(TEMPLATE_LIMITS.retryRenderMs);
    }
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    const original = (e as { originalError?: unknown }).originalError;
    throw original instanceof TemplateError ? original : new TemplateError(reason(e));
  }
}
