import { parseJson, validateFlow, type Flow, type Problem } from '@hourglass/documents';

export type FlowFileResult = { ok: true; flow: Flow; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Reads an imported file's text: a flow that has no errors (warnings are fine), or every problem. */
export function readFlowFile(text: string): FlowFileResult {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  const v = validateFlow(json.value);
  if (!v.ok || !v.flow)
    return { ok: false, problems: v.problems.filter((p) => p.severity === 'error').concat(v.problems.filter((p) => p.severity === 'warning')) };
  return { ok: true, flow: v.flow, warnings: v.problems };
}
