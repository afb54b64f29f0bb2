import type { ContactMix } from '@hourglass/api';
import type { EngagementModel, PropertyDistribution, Stage } from '@hourglass/documents';

/**
 * The synthetic contacts of a forecast as the panel edits them: a stage mix (shares) and, per
 * property, its values as a marketer writes them ("software 60%, retail 40%", "10–500").
 * Everything is text, so half-typed values survive; `cohortContacts` reads it.
 */
export interface CohortDraft {
  stages: { stage: Stage; share: string }[];
  properties: { name: string; values: string }[];
  /** Where the draft came from, said above it. */
  source: string;
}

/** The default model's contacts: leads without properties. */
export const DEFAULT_COHORT: CohortDraft = {
  stages: [{ stage: 'lead', share: '100' }],
  properties: [],
  source: 'No contacts in the workspace yet: synthetic contacts are leads without properties.',
};

/** Properties a mix lists but a cohort should not draw: the model has its own share of unsubscribed contacts. */
const NOT_DRAWN = new Set(['unsubscribed']);
/** The most properties a cohort starts with, besides those the flow and its scoring read. */
const MAX_OTHER_PROPERTIES = 5;

const percent = (n: number, of: number) => String(Math.max(1, Math.round((n / Math.max(1, of)) * 100)));
const trimNumber = (n: number) => String(Math.round(n * 100) / 100);

/** A property's distribution as the panel writes it: "software 60%, retail 40%", "10–500", "DE". */
export function distributionText(d: PropertyDistribution): string {
  if ('value' in d) return d.value === null ? '' : String(d.value);
  if ('uniform' in d) return `${trimNumber(d.uniform[0])}–${trimNumber(d.uniform[1])}`;
  const total = Object.values(d.choice).reduce((a, b) => a + b, 0);
  return Object.entries(d.choice)
    .map(([v, w]) => `${v} ${percent(w, total)}%`)
    .join(', ');
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Reads what the panel's values box says: a range, values with shares, or one value. */
export function parseDistribution(text: string): { ok: true; distribution: PropertyDistribution } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: false, error: 'Give the values, like “software 60%, retail 40%” or a range like “10–500”.' };
  const range = /^(-?\d+(?:\.\d+)?)\s*(?:–|-|to)\s*(-?\d+(?:\.\d+)?)$/.exec(t);
  if (range) {
    const [lo, hi] = [Number(range[1]), Number(range[2])];
    if (lo > hi) return { ok: false, error: `The range “${t}” goes down: write the smaller number first.` };
    return { ok: true, distribution: { uniform: [lo, hi], ...(Number.isInteger(lo) && Number.isInteger(hi) ? { integer: true } : {}) } };
  }
  const parts = t.split(',').map((p) => p.trim());
  if (parts.length === 1 && !/%$/.test(t)) return { ok: true, distribution: { value: NUMBER.test(t) ? Number(t) : t } };
  const choice: Record<string, number> = {};
  for (const part of parts) {
    const m = /^(.*?)\s+(\d+(?:\.\d+)?)\s*%$/.exec(part);
    const value = (m ? m[1]! : part).trim();
    const share = m ? Number(m[2]) : 1;
    if (!value) return { ok: false, error: `“${part}” has a share but no value.` };
    if (!(share > 0)) return { ok: false, error: `The share of “${value}” must be above 0%.` };
    choice[value] = (choice[value] ?? 0) + share;
  }
  return { ok: true, distribution: { choice } };
}

/**
 * A cohort like the workspace's contacts: their stage mix, and for the properties the flow and
 * its scoring read (then a few more, the most common) their values or their range.
 */
export function cohortFromMix(mix: ContactMix, read: readonly string[]): CohortDraft {
  if (mix.contacts === 0) return DEFAULT_COHORT;
  const stages = Object.entries(mix.stages)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => ({ stage: stage as Stage, share: percent(n, mix.contacts) }));
  const names = Object.keys(mix.properties).filter((n) => !NOT_DRAWN.has(n));
  const others = names
    .filter((n) => !read.includes(n))
    .sort((a, b) => mix.properties[b]!.contacts - mix.properties[a]!.contacts || (a < b ? -1 : 1))
    .slice(0, MAX_OTHER_PROPERTIES);
  const properties = [...read.filter((n) => names.includes(n)), ...others].map((name) => {
    const p = mix.properties[name]!;
    const d: PropertyDistribution = p.kind === 'number' ? { uniform: [p.min, p.max], ...(p.integer ? { integer: true } : {}) } : { choice: p.values };
    return { name, values: distributionText(d) };
  });
  const missing = read.filter((n) => !names.includes(n));
  return {
    stages: stages.length ? stages : DEFAULT_COHORT.stages,
    properties,
    source: `Like your ${mix.contacts} contact${mix.contacts === 1 ? '' : 's'}${
      missing.length ? `; none of them has ${missing.join(', ')}, which the flow or its scoring reads` : ''
    }.`,
  };
}

/** The contacts part of an engagement model from the draft, or the first thing wrong with it. */
export function cohortContacts(
  draft: CohortDraft,
):
  | { ok: true; stages: NonNullable<EngagementModel['contacts']['stages']>; properties: EngagementModel['contacts']['properties'] }
  | { ok: false; error: string } {
  const stages: Partial<Record<Stage, number>> = {};
  for (const { stage, share } of draft.stages) {
    const n = Number(share.trim().replace(/%$/, ''));
    if (!(n > 0)) return { ok: false, error: `The share of ${stage} must be a number above 0.` };
    stages[stage] = (stages[stage] ?? 0) + n;
  }
  if (draft.stages.length === 0) return { ok: false, error: 'Give the synthetic contacts at least one stage.' };
  const properties: EngagementModel['contacts']['properties'] = {};
  for (const { name, values } of draft.properties) {
    const key = name.trim();
    if (!key) {
      if (values.trim()) return { ok: false, error: `The values “${values.trim()}” need a property name.` };
      continue;
    }
    const d = parseDistribution(values);
    if (!d.ok) return { ok: false, error: `${key}: ${d.error}` };
    properties[key] = d.distribution;
  }
  return { ok: true, stages, properties };
}
