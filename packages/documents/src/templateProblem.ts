import { FileTagError, TEMPLATE_LIMITS, createLiquid } from './createLiquid.ts';

const liquid = createLiquid();

/** The first line of a Liquid error, without the engine's own prefix. */
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

const n = (x: number) => x.toLocaleString('en');

/**
 * Whether a template is too big to parse: longer than `TEMPLATE_LIMITS.templateChars`
 * (`template-too-long`) or with more than `TEMPLATE_LIMITS.tags` tags and outputs
 * (`template-too-many-tags`). Cheap: checked before parsing, here and by the engine.
 */
export function templateSizeProblem(source: string): { code: string; message: string } | null {
  if (source.length > TEMPLATE_LIMITS.templateChars) {
    return {
      code: 'template-too-long',
      message: `This template has ${n(source.length)} characters; a template has at most ${n(TEMPLATE_LIMITS.templateChars)}.`,
    };
  }
  let tags = 0;
  for (let i = source.indexOf('{'); i >= 0; i = source.indexOf('{', i + 1)) if (source[i + 1] === '{' || source[i + 1] === '%') tags++;
  if (tags > TEMPLATE_LIMITS.tags) {
    return {
      code: 'template-too-many-tags',
      message: `This template has ${n(tags)} Liquid tags and outputs; a template has at most ${n(TEMPLATE_LIMITS.tags)}.`,
    };
  }
  return null;
}

/**
 * What is wrong with an email template, with a stable code, or null when it can be used: it
 * must not be too big (`templateSizeProblem`), must parse (`bad-template`) and must not read
 * files (`template-reads-file`).
 */
export function templateProblem(source: string): { code: string; message: string } | null {
  const size = templateSizeProblem(source);
  if (size) return size;
  try {
    liquid.parse(source);
    return null;
  } catch (e) {
    const original = (e as { originalError?: unknown }).originalError;
    if (original instanceof FileTagError) return { code: 'template-reads-file', message: `This template cannot be used: ${original.message}` };
    return { code: 'bad-template', message: `This template does not parse: ${firstLine(e)}` };
  }
}
