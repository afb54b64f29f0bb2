import { z } from 'zod';
import { MAX_DURATION_TEXT, durationProblem } from './duration.ts';
import { EmailAddress } from './emailAddress.ts';
import { STAGES } from './stages.ts';
import { WEEKDAYS, isTimezone, parseInstant, parseTimeOfDay } from './time.ts';
import { templateProblem } from './templateProblem.ts';

/** A custom issue whose `params.code` becomes the problem's stable code (see problems.ts). */
function coded<T extends z.ZodType>(schema: T, code: string, test: (v: z.infer<T>) => string | null): T {
  return schema.superRefine((value, ctx) => {
    const error = test(value as z.infer<T>);
    if (error) ctx.addIssue({ code: 'custom', message: error, params: { code } });
  }) as unknown as T;
}

const durationSchema = (signed: boolean) =>
  z.string().superRefine((s, ctx) => {
    const problem = durationProblem(s, signed);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  });

/** A duration that counts forward (a wait, a timeout, a window): never negative, at most 10 years. */
export const Duration = durationSchema(false).meta({
  description: `ISO 8601 duration of weeks, days, hours, minutes, seconds: P3D, PT12H, P1DT6H; not negative, at most ${MAX_DURATION_TEXT}`,
});

/** An offset from an instant (spec §1): a duration that may carry a leading "-" (`-P1D`, one day before). */
export const Offset = durationSchema(true).meta({
  description: `ISO 8601 duration that may be negative: -P1D (a day before), PT2H (two hours after); at most ${MAX_DURATION_TEXT} either way`,
});

export const TimeOfDay = coded(z.string(), 'bad-time', (s) =>
  parseTimeOfDay(s) === null ? `"${s}" is not a time of day: write it as HH:MM in 24 hours, like "09:00".` : null,
).meta({ description: 'HH:MM, 24 hours' });

export const Instant = coded(z.string(), 'bad-instant', (s) =>
  parseInstant(s) === null ? `"${s}" is not a date and time: write it like "2026-03-02T08:00:00Z", with an offset or Z.` : null,
).meta({ description: 'ISO 8601 date-time with an offset or Z' });

export const Timezone = coded(z.string(), 'bad-timezone', (s) =>
  isTimezone(s) ? null : `"${s}" is not a time zone: use an IANA name such as "Europe/Vienna" or "UTC".`,
);

export const Stage = z.enum(STAGES, {
  error: () => `Not a lifecycle stage: use one of ${STAGES.join(', ')}.`,
});
export type Stage = z.infer<typeof Stage>;

export const Weekday = z.enum(WEEKDAYS, { error: () => `Not a weekday: use ${WEEKDAYS.join(' ')}.` });
export type Weekday = z.infer<typeof Weekday>;

/**
 * A Liquid template that must parse and must not read files (spec §5: a bad template is an
 * error); the problem's code says which (see `templateProblem`).
 */
export const LiquidTemplate = z.string().superRefine((s, ctx) => {
  const problem = templateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
});

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

/** Filters an event's data: every key must equal the value or one of the values. */
export const Match = z.record(z.string(), z.union([Scalar, z.array(Scalar)]));
export type Match = z.infer<typeof Match>;

/** The CMP operators over values of one schema (spec §1). */
const cmpOperators = <T extends z.ZodType>(value: T) => ({
  eq: value.optional(),
  ne: value.optional(),
  gt: value.optional(),
  gte: value.optional(),
  lt: value.optional(),
  lte: value.optional(),
  in: z.array(value).optional(),
  contains: z.string().optional(),
  exists: z.boolean().optional(),
});

const cmpShape = <T extends z.ZodType>(value: T) =>
  z
    .strictObject(cmpOperators(value))
    .refine((o) => Object.keys(o).length > 0, { message: 'A comparison needs at least one operator (eq, gte, in, …).', params: { code: 'bad-condition' } });

/** CMP over numbers (the score). */
export const NumberCmp = cmpShape(z.number());
export type NumberCmp = z.infer<typeof NumberCmp>;
/** CMP over stages, compared by lifecycle order. */
export const StageCmp = cmpShape(Stage);
export type StageCmp = z.infer<typeof StageCmp>;
/** CMP over any scalar (a property). */
export const ScalarCmp = cmpShape(Scalar);
export type ScalarCmp = z.infer<typeof ScalarCmp>;

export const PropertyCondition = z.strictObject({ name: z.string().min(1), ...cmpOperators(Scalar) }).refine((o) => Object.keys(o).length > 1, {
  message: 'A property condition needs at least one operator besides its name.',
  params: { code: 'bad-condition' },
});
export type PropertyCondition = z.infer<typeof PropertyCondition>;

export const EventCondition = z.strictObject({
  type: z.string().min(1),
  where: Match.optional(),
  within: Duration.optional(),
  count: NumberCmp.optional(),
});
export type EventCondition = z.infer<typeof EventCondition>;

/**
 * A condition (spec §1): an object with exactly one of these keys. Modelled as one object with
 * optional keys rather than a union so that a mistake deep inside is reported at its own JSON
 * pointer instead of as "no union member matched".
 */
const CONDITION_KEYS = ['score', 'stage', 'property', 'event', 'all', 'any', 'not'] as const;

const ConditionObject = z.strictObject({
  score: NumberCmp.optional(),
  stage: StageCmp.optional(),
  property: PropertyCondition.optional(),
  event: EventCondition.optional(),
  // Getters typed with the unrefined object let TypeScript follow the recursion; at run time
  // they return the refined `Condition`, so nested conditions are checked the same way.
  get all(): z.ZodOptional<z.ZodArray<typeof ConditionObject>> {
    return z.array(Condition).optional();
  },
  get any(): z.ZodOptional<z.ZodArray<typeof ConditionObject>> {
    return z.array(Condition).optional();
  },
  get not(): z.ZodOptional<typeof ConditionObject> {
    return Condition.optional();
  },
});
export const Condition = ConditionObject.refine((o) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).length === 1, {
  message: `A condition has exactly one of ${CONDITION_KEYS.join(', ')}.`,
  params: { code: 'bad-condition' },
});
export type Condition = z.infer<typeof Condition>;

export const ContactProperties = z.record(z.string(), Scalar);

/** A contact (spec §1). The score is not stored: it is computed. */
export const Contact = z.object({
  id: z.string().min(1),
  email: EmailAddress.optional(),
  stage: Stage.default('subscriber'),
  owner: EmailAddress.nullable().default(null),
  properties: ContactProperties.default({}),
});
export type Contact = z.infer<typeof Contact>;
