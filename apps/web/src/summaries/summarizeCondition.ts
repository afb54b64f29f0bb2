import { humanDuration, type Condition, type Match } from '@hourglass/documents';

const OPS: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

const stageText = (v: unknown) => (typeof v === 'string' && ['mql', 'sql'].includes(v) ? v.toUpperCase() : String(v));

function value(v: unknown, stage: boolean): string {
  if (stage) return stageText(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A comparison in words: "≥ 40", "in DE, AT, CH", "contains acme", "is set". */
export function summarizeCmp(cmp: Record<string, unknown> | undefined, stage = false): string {
  const parts = Object.entries(cmp ?? {}).flatMap(([op, v]) => {
    if (v === undefined) return [];
    if (op in OPS) return [`${OPS[op]} ${value(v, stage)}`];
    if (op === 'in') return [`in ${Array.isArray(v) ? v.map((x) => value(x, stage)).join(', ') : value(v, stage)}`];
    if (op === 'contains') return [`contains ${value(v, false)}`];
    if (op === 'exists') return [v ? 'is set' : 'is not set'];
    return [`${op} ${value(v, stage)}`];
  });
  return parts.length ? parts.join(' and ') : '(no comparison yet)';
}

/** An event filter in words: "form = whitepaper, plan = pro or team". */
export function summarizeMatch(match: Match | undefined): string {
  return Object.entries(match ?? {})
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.map((x) => value(x, false)).join(' or ') : value(v, false)}`)
    .join(', ');
}

/**
 * A condition in one line for the canvas and the problems panel: "Score ≥ 40",
 * "country in DE, AT, CH", "email_clicked (email = welcome) in the last 30 days".
 * Tolerates unfinished conditions, since drafts may hold them.
 */
export function summarizeCondition(c: Condition | undefined): string {
  if (!c || typeof c !== 'object') return '(no condition yet)';
  if (c.score) return `Score ${summarizeCmp(c.score)}`;
  if (c.stage) return `Stage ${summarizeCmp(c.stage, true)}`;
  if (c.property) {
    const { name, ...cmp } = c.property;
    return `${name || '(property)'} ${summarizeCmp(cmp)}`;
  }
  if (c.event) {
    const { type, where, within, count } = c.event;
    const filter = summarizeMatch(where);
    const times = count ? ` ${summarizeCmp(count)} times` : '';
    return `${type || '(event)'}${filter ? ` (${filter})` : ''}${times}${within ? ` in the last ${humanDuration(within)}` : ''}`;
  }
  if (c.all) return c.all.length ? c.all.map((x) => wrap(x)).join(' and ') : '(all of nothing)';
  if (c.any) return c.any.length ? c.any.map((x) => wrap(x)).join(' or ') : '(any of nothing)';
  if (c.not) return `not ${wrap(c.not)}`;
  return '(no condition yet)';
}

function wrap(c: Condition): string {
  const text = summarizeCondition(c);
  return c.all || c.any ? `(${text})` : text;
}
