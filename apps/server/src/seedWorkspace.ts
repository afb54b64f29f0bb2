import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, readScoring } from '@hourglass/documents';
import type { ApiWorkspace } from './storeApi.ts';
import { readTemplates } from './routes/templates.ts';

/** What seeding did, for the start-up message. */
export interface SeedReport {
  drafts: string[];
  scoring: boolean;
  skipped: string[];
}

/**
 * Seeds an empty workspace from a folder (`workflows/`): every `*.flow.json` becomes a draft to
 * start from, and `scoring.json` becomes the scoring model. No flow is published: samples that
 * were live would take in real contacts by surprise (and several start on the same trigger).
 * A missing or empty folder seeds nothing. The same for every store.
 */
export async function seedWorkspace(workspace: ApiWorkspace, dir: string): Promise<SeedReport> {
  const report: SeedReport = { drafts: [], scoring: false, skipped: [] };
  for (const doc of readTemplates(dir)) {
    const id = doc.id;
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) || (await workspace.hasFlow(id))) {
      report.skipped.push(String(id));
      continue;
    }
    await workspace.saveDraft(id, doc);
    report.drafts.push(id);
  }
  const scoringFile = join(dir, 'scoring.json');
  if (existsSync(scoringFile)) {
    const json = parseJson(readFileSync(scoringFile, 'utf8'));
    const model = json.ok ? readScoring(json.value) : undefined;
    if (model?.ok) {
      await workspace.setScoring(model.value);
      report.scoring = true;
    } else {
      report.skipped.push('scoring.json');
    }
  }
  return report;
}
