import { readScenario, type Flow, type ScoringModel } from '@hourglass/documents';
import { simulate } from '@hourglass/engine';
import { draftToDocument, type ScenarioDraft } from './scenarioDraft.ts';

/**
 * When the scenario's contact first reaches each node, in milliseconds after the scenario's
 * start (for a `sendEmail`, when its first email goes out), from a simulation of the draft as it stands; empty while the draft does not read as a
 * scenario or the contact never enters.
 */
export function nodeArrivals(flow: Flow, draft: ScenarioDraft, scoring?: ScoringModel): Record<string, number> {
  const doc = readScenario(draftToDocument(draft));
  if (!doc.ok) return {};
  try {
    const { trace, start } = simulate({ flow, scenario: doc.value, ...(scoring ? { scoring } : {}) });
    const arrivals: Record<string, number> = {};
    for (const e of trace.enrolments) for (const s of e.steps) arrivals[s.node] ??= Date.parse(s.at) - start;
    // An email held by the send window goes out after the contact reaches it: its opens and clicks are timed from then.
    const sent = new Set<string>();
    for (const m of trace.emails) {
      if (sent.has(m.node)) continue;
      sent.add(m.node);
      arrivals[m.node] = Date.parse(m.at) - start;
    }
    return arrivals;
  } catch {
    return {}; // a flow the engine cannot run yet (being edited): suggestions fall back to the start
  }
}
