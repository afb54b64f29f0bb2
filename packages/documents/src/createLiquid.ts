import { Liquid } from 'liquidjs';

/**
 * What one email template may cost (docs/semantics.md, "Templates"). Liquid counts memory in
 * characters and array items it creates; time is wall-clock time for one render.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of one template's text (an HTML email is rarely above 100 KB). */
  templateChars: 100_000,
  /** Liquid tags and outputs (`{% %}`, `{{ }}`) in one template: parsing costs per tag. */
  tags: 500,
  /** Milliseconds one render may take. */
  renderMs: 50,
  /**
   * Milliseconds of the one retry of a render stopped by `renderMs`: the limit is wall-clock
   * time, and a pause of the whole process (garbage collection, a busy machine) must not fail an
   * innocent email. A template that needs longer fails: it costs 300 ms at most.
   */
  retryRenderMs: 250,
  /** Characters and array items one render may create (ranges, append, join, …). */
  memory: 1_048_576,
  /** Characters of a rendered subject. */
  subjectChars: 1_000,
  /** Characters of a rendered body (1 MiB). */
  bodyChars: 1_048_576,
} as const;

/** The tags that would read another template from a file. */
export const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** Thrown when a template uses a tag that reads a file (`FILE_TAGS`). */
export class FileTagError extends Error {
  constructor(readonly tag: string) {
    super(`{% ${tag} %} would read another template from a file, which an email template cannot do; write the text into this template instead.`);
  }
}

/**
 * The Liquid engine of email templates, dates in `timezone`. Templates must never read the
 * server's files: the tags that would are refused when a template is parsed, and the engine's
 * file system is an empty in-memory one besides, so no other path reaches the disk. The limits
 * stop a template from stalling the server or building a huge email.
 */
export function createLiquid(timezone = 'UTC'): Liquid {
  const liquid = new Liquid({
    timezoneOffset: timezone,
    templates: {},
    // liquidjs' default, stated so it stays: `contact.constructor` is empty, not Object's.
    ownPropertyOnly: true,
    parseLimit: TEMPLATE_LIMITS.templateChars,
    renderLimit: TEMPLATE_LIMITS.renderMs,
    memoryLimit: TEMPLATE_LIMITS.memory,
  });
  for (const tag of FILE_TAGS) {
    liquid.registerTag(tag, {
      parse() {
        throw new FileTagError(tag);
      },
      render() {
        return '';
      },
    });
  }
  return liquid;
}
