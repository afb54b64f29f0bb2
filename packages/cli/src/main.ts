import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatTrace, validateFlow, hasErrors, Trace } from '@hourglass/documents';
import { compileFlow } from '@hourglass/compiler';
import { compareTraces, defaultEngagementModel, forecastShortfalls, stepLabels, ScenarioError, simulate } from '@hourglass/engine';
import { scenariosBeside } from './scenariosBeside.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { forecastInWorkers } from './forecastInWorkers.ts';
import { formatForecast } from './formatForecast.ts';
import { loadEngagement, loadFlow, loadJson, loadScenario, loadScoring, scoringBeside, type FileProblem } from './loadDocuments.ts';
import { countLine, formatProblems } from './formatProblems.ts';
import { formatTimeline } from './formatTimeline.ts';

export const USAGE = `Usage: hourglass <command> [options]

Commands:
  validate FLOW... [--json]                 check flows against the spec; lists every problem
  simulate FLOW --scenario S [--scoring M] [--json]
                                            run a scenario through a flow and print its trace
  compile FLOW                              print the compiled XState machine config as JSON
  test FLOW... [--update]                   run the scenarios beside each flow against their
                                            expected traces and list what changed
  forecast FLOW [--model M] [--contacts N] [--seed S] [--scoring M] [--json]
                                            run a cohort of synthetic contacts through a flow
  help                                      show this text

Exit status: 0 success, 1 an input is invalid, 2 a wrong command line.`;

/** Standard output and error, replaceable in tests. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}
const processIo: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

class UsageError extends Error {}

function options(args: string[], spec: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Runs the CLI and returns its exit status; never throws for bad input. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return validate(rest, io);
      case 'simulate':
        return runSimulate(rest, io);
      case 'compile':
        return compile(rest, io);
      case 'forecast':
        return await runForecast(rest, io);
      case 'test':
        return runScenarioTests(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      case undefined:
        throw new UsageError('No command given.');
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`hourglass: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ScenarioError) {
      io.err(`hourglass: ${e.message}`);
      return 1;
    }
    io.err(`hourglass: internal error: ${(e as Error).message}\nPlease report this with the files you used.`);
    return 70;
  }
}

function printProblems(io: Io, problems: FileProblem[]) {
  const byFile = new Map<string, FileProblem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [file, list] of byFile) io.err(`${file}: ${countLine(list)}\n${formatProblems(list)}`);
}

function validate(args: string[], io: Io): number {
  const { values, positionals } = options(args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('validate needs at least one flow file.');
  const results = positionals.map((file) => {
    const json = loadJson(file);
    const problems = json.ok ? validateFlow(json.value).problems : [json.problem];
    return { file, ok: !hasErrors(problems), problems };
  });
  if (values.json) {
    io.out(JSON.stringify(results, null, 2));
  } else {
    for (const r of results) {
      const tagged = r.problems.map((p) => ({ ...p, file: r.file }));
      const head = `${r.file}: ${r.ok ? 'valid' : 'invalid'} (${countLine(tagged)})`;
      (r.ok ? io.out : io.err)(r.problems.length ? `${head}\n${formatProblems(tagged)}` : head);
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

function runSimulate(args: string[], io: Io): number {
  const { values, positionals } = options(args, { scenario: { type: 'string' }, scoring: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('simulate needs exactly one flow file.');
  if (!values.scenario) throw new UsageError('simulate needs --scenario FILE.');
  const flowFile = positionals[0]!;
  const scoringFile = (values.scoring as string | undefined) ?? scoringBeside(flowFile);
  const flow = loadFlow(flowFile);
  const scenario = loadScenario(values.scenario as string);
  const scoring = scoringFile ? loadScoring(scoringFile) : undefined;
  const problems = [...flow.problems.filter((p) => !flow.ok || p.severity === 'error'), ...scenario.problems, ...(scoring?.problems ?? [])];
  if (!flow.ok || !scenario.ok || (scoring && !scoring.ok)) {
    printProblems(io, problems);
    return 1;
  }
  const sim = simulate({ flow: flow.value, scenario: scenario.value, scoring: scoring?.ok ? scoring.value : undefined });
  io.out(values.json ? formatTrace(sim.trace) : formatTimeline(sim, flow.value, scenario.value));
  return 0;
}

function compile(args: string[], io: Io): number {
  const { positionals } = options(args, {});
  if (positionals.length !== 1) throw new UsageError('compile needs exactly one flow file.');
  const flow = loadFlow(positionals[0]!);
  if (!flow.ok) {
    printProblems(io, flow.problems);
    return 1;
  }
  io.out(JSON.stringify(compileFlow(flow.value), null, 2));
  return 0;
}

async function runForecast(args: string[], io: Io): Promise<number> {
  const { values, positionals } = options(args, {
    model: { type: 'string' },
    contacts: { type: 'string' },
    seed: { type: 'string' },
    scoring: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('forecast needs exactly one flow file.');
  const contacts = values.contacts === undefined ? 1000 : Number(values.contacts);
  if (!Number.isInteger(contacts) || contacts < 1 || contacts > 1_000_000) throw new UsageError('--contacts must be a whole number from 1 to 1000000.');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number.');
  const flowFile = positionals[0]!;
  const flow = loadFlow(flowFile);
  const scoringFile = (values.scoring as string | undefined) ?? scoringBeside(flowFile);
  const scoring = scoringFile ? loadScoring(scoringFile) : undefined;
  const model = values.model ? loadEngagement(values.model as string) : undefined;
  if (!flow.ok || (scoring && !scoring.ok) || (model && !model.ok)) {
    printProblems(io, [...flow.problems.filter((p) => !flow.ok || p.severity === 'error'), ...(scoring?.problems ?? []), ...(model?.problems ?? [])]);
    return 1;
  }
  let shown = 0;
  const engagement = model?.ok ? model.value : defaultEngagementModel;
  const result = await forecastInWorkers({
    flow: flow.value,
    model: engagement,
    contacts,
    seed,
    scoring: scoring?.ok ? scoring.value : undefined,
    // Progress on standard error, so --json output stays clean.
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 10) * 10;
      if (total >= 5000 && pct > shown) {
        shown = pct;
        io.err(`forecast: ${done} of ${total} contacts (${pct}%)`);
      }
    },
  });
  const shortfalls = forecastShortfalls(flow.value, result, engagement, scoring?.ok ? scoring.value : undefined);
  io.out(values.json ? JSON.stringify(result, null, 2) : formatForecast(result, flow.value, shortfalls));
  return 0;
}

function runScenarioTests(args: string[], io: Io): number {
  const { values, positionals } = options(args, { update: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('test needs at least one flow file.');
  let failed = 0;
  let passed = 0;
  for (const flowFile of positionals) {
    const flow = loadFlow(flowFile);
    const scoringFile = scoringBeside(flowFile);
    const scoring = scoringFile ? loadScoring(scoringFile) : undefined;
    if (!flow.ok || (scoring && !scoring.ok)) {
      printProblems(io, [...flow.problems, ...(scoring?.problems ?? [])]);
      failed++;
      continue;
    }
    const cases = scenariosBeside(flowFile);
    if (cases.length === 0) io.out(`${flowFile}: no scenarios beside it`);
    for (const c of cases) {
      const scenario = loadScenario(c.scenario);
      if (!scenario.ok) {
        printProblems(io, scenario.problems);
        failed++;
        continue;
      }
      const { trace } = simulate({ flow: flow.value, scenario: scenario.value, scoring: scoring?.ok ? scoring.value : undefined });
      if (values.update) {
        writeFileSync(c.expected, formatTrace(trace) + '\n');
        io.out(`updated ${c.expected}`);
        passed++;
        continue;
      }
      if (!existsSync(c.expected)) {
        io.err(`MISSING ${c.name}: no ${c.expected}; run with --update to keep the current trace`);
        failed++;
        continue;
      }
      const kept = Trace.safeParse({ ...JSON.parse(readFileSync(c.expected, 'utf8')), contactId: trace.contactId });
      const changes = kept.success
        ? compareTraces(kept.data, trace, { timezone: flow.value.settings.timezone, labels: stepLabels(flow.value) })
        : [{ path: '', message: `${c.expected} is not a trace` }];
      if (changes.length === 0) {
        io.out(`ok      ${c.name}`);
        passed++;
      } else {
        io.err(`CHANGED ${c.name}\n${changes.map((x) => `  - ${x.message}`).join('\n')}`);
        failed++;
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
