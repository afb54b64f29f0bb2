import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { parseJson, readEngagement, readFlow, readScenario, readScoring, type DocumentResult, type Problem } from '@hourglass/documents';

/** A problem found in one file, for printing. */
export interface FileProblem extends Problem {
  file: string;
}

export type Loaded<T> = { ok: true; value: T; problems: FileProblem[] } | { ok: false; problems: FileProblem[] };

function readText(file: string): { ok: true; text: string } | { ok: false; problem: Problem } {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, problem: { severity: 'error', code: 'unreadable-file', pointer: '', message: `Cannot read this file: ${why}.` } };
  }
}

function load<T>(file: string, read: (doc: unknown) => DocumentResult<T>): Loaded<T> {
  const tag = (problems: Problem[]) => problems.map((p) => ({ ...p, file }));
  const text = readText(file);
  if (!text.ok) return { ok: false, problems: tag([text.problem]) };
  const json = parseJson(text.text);
  if (!json.ok) return { ok: false, problems: tag([json.problem]) };
  const r = read(json.value);
  return r.ok ? { ok: true, value: r.value, problems: tag(r.problems) } : { ok: false, problems: tag(r.problems) };
}

export const loadFlow = (file: string) => load(file, readFlow);
export const loadScenario = (file: string) => load(file, readScenario);
export const loadScoring = (file: string) => load(file, readScoring);
export const loadEngagement = (file: string) => load(file, readEngagement);

/** Reads a file as JSON for validation, with its read or syntax problem when it fails. */
export function loadJson(file: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  const text = readText(file);
  if (!text.ok) return text;
  const json = parseJson(text.text);
  return json.ok ? json : { ok: false, problem: json.problem };
}

/** The scoring model beside a flow file (`scoring.json`), when there is one (spec §6). */
export function scoringBeside(flowFile: string): string | undefined {
  const candidate = join(dirname(flowFile), 'scoring.json');
  return existsSync(candidate) ? candidate : undefined;
}
