import { assertNever, humanDuration, parseInstant, type NodeOfType, type NodeType } from '@hourglass/documents';
import { summarizeCondition, summarizeMatch } from './summarizeCondition.ts';

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** A list of weekdays as a marketer says it: "Mon–Fri", "Sat, Sun". */
export function summarizeDays(days: readonly string[] | undefined): string {
  if (!days || days.length === 0 || days.length === 7) return 'any day';
  const order = Object.keys(DAY_NAMES);
  const sorted = [...days].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const contiguous = sorted.every((d, i) => i === 0 || order.indexOf(d) === order.indexOf(sorted[i - 1]!) + 1);
  if (contiguous && sorted.length > 2) return `${DAY_NAMES[sorted[0]!]}–${DAY_NAMES[sorted.at(-1)!]}`;
  return sorted.map((d) => DAY_NAMES[d] ?? d).join(', ');
}

// "{{ contact.firstName | default: "there" }}" reads as "{{ contact.firstName }}" on the canvas.
const withoutFilters = (template: string) => template.replace(/\{\{\s*([^|}]+?)\s*\|[^}]*\}\}/g, '{{ $1 }}');

const stageName = (s: string) => (s === 'mql' || s === 'sql' ? s.toUpperCase() : s);

function trigger(c: NodeOfType<'trigger'>['config']): string {
  switch (c.on) {
    case 'event': {
      const filter = summarizeMatch(c.where);
      return `When ${c.event || '(event)'}${filter ? ` (${filter})` : ''}`;
    }
    case 'stage':
      return `When the stage reaches ${stageName(c.stage)}`;
    case 'score':
      return `When the score reaches ${c.gte}`;
    case 'manual':
      return 'Enrolled by hand';
    default:
      return assertNever(c, 'trigger');
  }
}

// A wait or timeout as stored: a minus (which validation refuses) is shown, not read as "before".
const forward = (d: string) => (d.startsWith('-') ? `−${humanDuration(d.slice(1))}` : humanDuration(d));

function wait(c: NodeOfType<'wait'>['config']): string {
  if ('for' in c) return `Wait ${forward(c.for)}`;
  const u = c.until;
  if ('time' in u) return `Wait until ${u.time}${u.days ? ` on ${summarizeDays(u.days)}` : ''}`;
  if ('at' in u) {
    const ms = parseInstant(u.at);
    return `Wait until ${ms === null ? u.at : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
  }
  const offset = u.offset ? ` ${u.offset.startsWith('-') ? '−' : '+'} ${humanDuration(u.offset.replace(/^-/, ''))}` : '';
  return `Wait until ${u.property || '(property)'}${offset}`;
}

function update(c: NodeOfType<'update'>['config']): string {
  const parts: string[] = [];
  if (c.addScore !== undefined) parts.push(`Score ${c.addScore >= 0 ? '+' : '−'}${Math.abs(c.addScore)}`);
  if (c.stage) parts.push(`stage → ${stageName(c.stage)}`);
  for (const [k, v] of Object.entries(c.set ?? {})) parts.push(`${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : 'Nothing to change yet';
}

function handoff(c: NodeOfType<'handoff'>['config']): string {
  const parts: string[] = [];
  const rules = c.routing?.length ?? 0;
  if (rules) parts.push(`${rules} routing rule${rules === 1 ? '' : 's'}`);
  if (c.roundRobin?.length) parts.push(`round robin of ${c.roundRobin.length}`);
  if (c.fallback) parts.push(`else ${c.fallback}`);
  return parts.length ? `To sales: ${parts.join(', ')}` : 'To sales (no owner chosen)';
}

/** A node type with its config. */
export type TypedConfig = { [T in NodeType]: { type: T; config: NodeOfType<T>['config'] } }[NodeType];

/** The one-line summary of a node's config shown on the canvas: "Wait 3 days", "Score ≥ 40?". */
export function summarizeNode(n: TypedConfig): string {
  switch (n.type) {
    case 'trigger':
      return trigger(n.config);
    case 'wait':
      return wait(n.config);
    case 'waitFor':
      return `${summarizeCondition(n.config.until)}${n.config.timeout ? `, up to ${forward(n.config.timeout)}` : ''}`;
    case 'sendEmail':
      return `Send: ${withoutFilters(n.config.subject) || '(no subject)'}`;
    case 'condition':
      return `${summarizeCondition(n.config.if)}?`;
    case 'split': {
      const total = n.config.branches.reduce((s, b) => s + (b.weight > 0 ? b.weight : 0), 0);
      return n.config.branches.length
        ? `Split ${n.config.branches.map((b) => `${b.key} ${total > 0 ? Math.round((Math.max(b.weight, 0) / total) * 100) : 0}%`).join(' / ')}`
        : 'Split (no branches yet)';
    }
    case 'update':
      return update(n.config);
    case 'handoff':
      return handoff(n.config);
    case 'exit':
      return 'Leave the flow';
    default:
      return assertNever(n, 'node type');
  }
}
