import { z } from 'zod';
import { Condition, Duration, Instant, LiquidTemplate, Match, Offset, Scalar, Stage, TimeOfDay, Timezone, Weekday } from './common.ts';
import { EmailAddress, SenderAddress } from './emailAddress.ts';
import { FIXED_PORTS } from './ports.ts';

export const FLOW_FORMAT = 'hourglass.flow/1';

export const TriggerConfig = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('event'), event: z.string().min(1), where: Match.optional() }),
  z.strictObject({ on: z.literal('stage'), stage: Stage }),
  z.strictObject({ on: z.literal('score'), gte: z.number() }),
  z.strictObject({ on: z.literal('manual') }),
]);
export type TriggerConfig = z.infer<typeof TriggerConfig>;

export const WaitUntil = z.union([
  z.strictObject({ time: TimeOfDay, days: z.array(Weekday).min(1).optional() }),
  z.strictObject({ at: Instant }),
  z.strictObject({ property: z.string().min(1), offset: Offset.optional() }),
]);
export type WaitUntil = z.infer<typeof WaitUntil>;

export const WaitConfig = z.union([z.strictObject({ for: Duration }), z.strictObject({ until: WaitUntil })]);
export type WaitConfig = z.infer<typeof WaitConfig>;

export const WaitForConfig = z.strictObject({ until: Condition, timeout: Duration.optional() });
export type WaitForConfig = z.infer<typeof WaitForConfig>;

export const CONTENT_STAGES = ['awareness', 'consideration', 'decision'] as const;
// An email without a subject lands as an empty line in the inbox: an error, not a warning.
const Subject = LiquidTemplate.superRefine((s, ctx) => {
  if (s.trim() === '')
    ctx.addIssue({
      code: 'custom',
      message: 'This email has no subject: write one, or it arrives as an empty line in the inbox.',
      params: { code: 'empty-subject' },
    });
});

export const SendEmailConfig = z.strictObject({
  subject: Subject,
  body: LiquidTemplate,
  from: SenderAddress.optional(),
  content: z.enum(CONTENT_STAGES).optional(),
});
export type SendEmailConfig = z.infer<typeof SendEmailConfig>;

export const ConditionConfig = z.strictObject({ if: Condition });
export type ConditionConfig = z.infer<typeof ConditionConfig>;

// Counts and weights are checked by validation (split-too-few-branches, split-bad-weight) so the
// marketer gets a specific sentence rather than a generic schema message.
export const SplitBranch = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'A branch key is 1 to 32 letters, digits, - or _.'),
  weight: z.number(),
});
export const SplitConfig = z.strictObject({ branches: z.array(SplitBranch) });
export type SplitConfig = z.infer<typeof SplitConfig>;

export const UpdateConfig = z.strictObject({
  addScore: z.number().int().optional(),
  stage: Stage.optional(),
  set: z.record(z.string(), Scalar).optional(),
});
export type UpdateConfig = z.infer<typeof UpdateConfig>;

export const HandoffConfig = z.strictObject({
  routing: z.array(z.strictObject({ if: Condition, owner: EmailAddress })).optional(),
  roundRobin: z.array(EmailAddress).optional(),
  fallback: EmailAddress.optional(),
  stage: Stage.optional(),
  notify: z.boolean().optional(),
});
export type HandoffConfig = z.infer<typeof HandoffConfig>;

export const ExitConfig = z.strictObject({});
export type ExitConfig = z.infer<typeof ExitConfig>;

export const NodeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A node id is 1 to 64 letters, digits, - or _.');
export const Position = z.object({ x: z.number(), y: z.number() });

const node = <T extends string, C extends z.ZodType>(type: T, config: C) =>
  z.strictObject({
    id: NodeId,
    type: z.literal(type),
    label: z.string().max(200).optional(),
    position: Position.optional(),
    config,
  });

export const TriggerNode = node('trigger', TriggerConfig);
export const WaitNode = node('wait', WaitConfig);
export const WaitForNode = node('waitFor', WaitForConfig);
export const SendEmailNode = node('sendEmail', SendEmailConfig);
export const ConditionNode = node('condition', ConditionConfig);
export const SplitNode = node('split', SplitConfig);
export const UpdateNode = node('update', UpdateConfig);
export const HandoffNode = node('handoff', HandoffConfig);
export const ExitNode = node('exit', ExitConfig);

export const FlowNode = z.discriminatedUnion('type', [
  TriggerNode,
  WaitNode,
  WaitForNode,
  SendEmailNode,
  ConditionNode,
  SplitNode,
  UpdateNode,
  HandoffNode,
  ExitNode,
]);
export type FlowNode = z.infer<typeof FlowNode>;
export type NodeType = FlowNode['type'];
export type NodeOfType<T extends NodeType> = Extract<FlowNode, { type: T }>;

export const NODE_TYPES = ['trigger', 'wait', 'waitFor', 'sendEmail', 'condition', 'split', 'update', 'handoff', 'exit'] as const satisfies readonly NodeType[];

export const FlowEdge = z.strictObject({ from: z.string(), to: z.string(), port: z.string().optional() });
export type FlowEdge = z.infer<typeof FlowEdge>;

export const SendWindow = z.strictObject({ days: z.array(Weekday).min(1), from: TimeOfDay, to: TimeOfDay });
export type SendWindow = z.infer<typeof SendWindow>;

export const FlowSettings = z.strictObject({
  timezone: Timezone.optional(),
  reentry: z.enum(['never', 'after-exit']).optional(),
  goal: Condition.optional(),
  sendWindow: SendWindow.optional(),
});
export type FlowSettings = z.infer<typeof FlowSettings>;

/** The flow document, `hourglass.flow/1` (spec §2). */
export const Flow = z.strictObject({
  format: z.literal(FLOW_FORMAT),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'A flow id is 1 to 64 lowercase letters, digits or -, starting with a letter or digit.'),
  name: z.string().min(1, 'A flow needs a name.').max(120, 'A flow name is at most 120 characters.'),
  description: z.string().optional(),
  settings: FlowSettings.default({}),
  nodes: z.array(FlowNode),
  edges: z.array(FlowEdge),
});
export type Flow = z.infer<typeof Flow>;

/** The ports out of a node (spec §2): `undefined` stands for the single unnamed port. */
export function portsOf(node: FlowNode): readonly (string | undefined)[] {
  return node.type === 'split' ? node.config.branches.map((b) => b.key) : FIXED_PORTS[node.type];
}

/** Node types the contact passes at the same instant (spec §4.3). */
export const INSTANT_TYPES: readonly NodeType[] = ['trigger', 'sendEmail', 'condition', 'split', 'update', 'handoff'];
