import {
  durationMs,
  stageRank,
  type Condition,
  type EventCondition,
  type Match,
  type NumberCmp,
  type Scalar,
  type ScalarCmp,
  type StageCmp,
} from '@hourglass/documents';
import type { EventCounter, EventQuery } from './eventQuery.ts';
import type { ContactRecord } from './records.ts';

/** What a condition is evaluated against: one contact at one instant. */
export interface ConditionSubject {
  contact: ContactRecord;
  /** Counts the contact's events (see `EventCounter`): the history is never read whole. */
  countEvents: EventCounter;
  at: number;
  /** The contact's score at `at`; computed only when a condition asks for it. */
  score: () => number;
}

/**
 * A contact's own property (or an event's own data field): a name such as `constructor` or
 * `toString` means only a key the contact has, never something inherited from Object.prototype.
 */
export function ownValue(record: Record<string, Scalar>, name: string): Scalar | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Whether an event's data matches MATCH: every key equals the value or one of the values. */
export function matches(data: Record<string, Scalar>, where: Match | undefined): boolean {
  if (!where) return true;
  for (const key in where) {
    const want = where[key]!;
    const have = ownValue(data, key);
    if (Array.isArray(want) ? !want.includes(have as Scalar) : have !== want) return false;
  }
  return true;
}

type Cmp = NumberCmp | StageCmp | ScalarCmp;

function order(a: Scalar, b: Scalar): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/**
 * Whether every operator of CMP holds for `value` (spec §1). A missing value fails every operator
 * except `{"exists": false}` and `ne`. `rank` maps values to an order (stages) before comparing.
 */
export function compare(value: Scalar | undefined, cmp: Cmp, rank?: (v: Scalar) => Scalar): boolean {
  const missing = value === undefined || value === null;
  const r = rank ?? ((v: Scalar) => v);
  for (const op in cmp) {
    const arg = (cmp as Record<string, unknown>)[op];
    if (arg === undefined) continue;
    if (op === 'exists') {
      if ((arg as boolean) === missing) return false;
      continue;
    }
    if (op === 'ne') {
      if (!missing && value === arg) return false;
      continue;
    }
    if (missing) return false;
    const v = value as Scalar;
    switch (op) {
      case 'eq':
        if (v !== arg) return false;
        break;
      case 'in':
        if (!(arg as Scalar[]).includes(v)) return false;
        break;
      case 'contains':
        if (typeof v !== 'string' || !v.toLowerCase().includes(String(arg).toLowerCase())) return false;
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const d = order(r(v), r(arg as Scalar));
        if (d === null) return false;
        if (op === 'gt' ? !(d > 0) : op === 'gte' ? !(d >= 0) : op === 'lt' ? !(d < 0) : !(d <= 0)) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/**
 * How many of the contact's events satisfy an `event` condition, counting no further than
 * `limit` (a count compared with CMP needs no more than `countLimit(CMP)`).
 */
export function countEvents(cond: EventCondition, subject: ConditionSubject, sinceSeq?: number, limit = Infinity): number {
  const query: EventQuery = { type: cond.type, where: cond.where, until: subject.at };
  if (sinceSeq !== undefined) query.afterSeq = sinceSeq;
  else if (cond.within) query.from = subject.at - durationMs(cond.within);
  return subject.countEvents(query, limit);
}

/**
 * Evaluates a condition (spec §1). With `sinceSeq` (inside a `waitFor`), an `event` condition
 * counts only events recorded after that sequence number and `within` is ignored (spec §4.5).
 */
export function holds(cond: Condition, subject: ConditionSubject, sinceSeq?: number): boolean {
  if (cond.score) return compare(subject.score(), cond.score);
  if (cond.stage) return compare(subject.contact.stage, cond.stage, (v) => stageRank(String(v)));
  if (cond.property) {
    const { name, ...cmp } = cond.property;
    return compare(ownValue(subject.contact.properties, name), cmp);
  }
  if (cond.event) {
    const cmp = cond.event.count ?? { gte: 1 };
    return compare(countEvents(cond.event, subject, sinceSeq, countLimit(cmp)), cmp);
  }
  if (cond.all) return cond.all.every((c) => holds(c, subject, sinceSeq));
  if (cond.any) return cond.any.some((c) => holds(c, subject, sinceSeq));
  if (cond.not) return !holds(cond.not, subject, sinceSeq);
  return false;
}

/**
 * The most events a count compared with CMP needs: beyond the largest number CMP mentions, every
 * count compares the same (a count is a number, so `exists` and string operands never change).
 */
export function countLimit(cmp: object): number {
  let max = 0;
  for (const arg of Object.values(cmp)) {
    for (const v of Array.isArray(arg) ? arg : [arg]) if (typeof v === 'number' && v > max) max = v;
  }
  return Math.floor(max) + 1;
}
