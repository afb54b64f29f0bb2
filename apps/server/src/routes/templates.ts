import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { FLOW_FORMAT, parseJson } from '@hourglass/documents';
import type { AppDeps } from '../appDeps.ts';

/** The flow documents of a folder (`*.flow.json`), sorted by file name; unreadable files are skipped. */
export function readTemplates(dir: string | undefined): Record<string, unknown>[] {
  if (!dir) return [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.flow.json'))
      .sort();
  } catch {
    return [];
  }
  return files.flatMap((f) => {
    try {
      const parsed = parseJson(readFileSync(join(dir, f), 'utf8'));
      const doc = parsed.ok ? parsed.value : undefined;
      return typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === FLOW_FORMAT ? [doc as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/** The template flows of `workflows/`, read at each request so new files show at once. */
export function templatesRoutes({ templatesDir }: AppDeps) {
  const app = new Hono();
  app.get('/', (c) => c.json({ templates: readTemplates(templatesDir) }));
  return app;
}
