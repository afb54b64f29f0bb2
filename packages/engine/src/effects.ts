import { TEMPLATE_LIMITS, assertNever, forwardStage, type Condition, type Flow } from '@hourglass/documents';
import type { FlowAction, HandoffParams, SendEmailParams, UpdateParams } from '@hourglass/compiler';
import { TemplateError, hasLiquid, renderTemplate, templateContact } from './render.ts';
import type { ContactRecord, EnrolmentRecord, HandoffRoute, ScoreSplit } from './records.ts';
import type { Store } from './store.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from './emailHtml.ts';
import { formatLocal } from './localTime.ts';

/** What the effects need of the engine: where to write, how to name, whether to render. */
export interface EffectContext {
  readonly store: Store;
  readonly newId: (kind: 'email' | 'handoff') => string;
  /** Whether emails get their subject and body rendered (see `EngineOptions.renderEmails`). */
  readonly renderEmails: boolean;
  /** Told of every outbox email written that is to be delivered. */
}

/**
 * The contact being moved at one instant, as the effects see it: `contact` is the engine's own
 * copy for this input, changed in place; `contactChanged` says it changed (it is written once at the end
 * and its cached score is dropped).
 */
export interface EffectPass {
  readonly contact: ContactRecord;
  readonly at: number;
  /** Emails of this pass are not sent (`moment-passed`): a timer due while its flow was paused fires after resuming without them. */
  readonly skipEmails?: boolean;
  contactChanged(): void;
  split(): ScoreSplit;
  score(): number;
  holds(condition: Condition): boolean;
}

/** The effects of the compiled flow's actions: what the contact's steps do besides moving on. */
export type EffectAction = Extract<FlowAction, { type: 'sendEmail' | 'update' | 'handoff' }>;

/** Carries out one effect for the contact in enrolment `e` of `flow`. */
export function carryOut(ctx: EffectContext, e: EnrolmentRecord, pass: EffectPass, action: EffectAction, flow: Flow) {
  switch (action.type) {
    case 'sendEmail':
      return sendEmail(ctx, e, pass, action.params, flow);
    case 'update':
      return applyUpdate(pass, action.params);
    case 'handoff':
      return handOff(ctx, e, pass, action.params, flow);
    default:
      return assertNever(action, 'effect');
  }
}

/**
 * Writes a `sendEmail` step's email to the outbox. A template that cannot be rendered (a Liquid
 * error, a limit) must not undo the input: the email is recorded as not sent, `render-failed`
 * with the reason, and the contact moves on as after any suppressed email (docs/semantics.md).
 */
export function sendEmail(ctx: EffectContext, e: EnrolmentRecord, pass: EffectPass, params: SendEmailParams, flow: Flow) {
  const { contact } = pass;
  const timezone = flow.settings.timezone ?? 'UTC';
  let vars: Record<string, unknown> | undefined;
  const render = (template: string, maxChars: number) => {
    if (!ctx.renderEmails) return template;
    // The unsubscribe link is signed when the email leaves; a stand-in marks its place.
    if (hasLiquid(template)) vars ??= { contact: templateContact(contact, () => pass.score()), unsubscribe_url: UNSUBSCRIBE_PLACEHOLDER };
    return renderTemplate(template, vars ?? {}, timezone, maxChars);
  };
  let subject = params.subject;
  let body = params.body;
  let error: string | undefined;
  let part = 'subject';
  try {
    subject = render(params.subject, TEMPLATE_LIMITS.subjectChars);
    part = 'body';
    body = render(params.body, TEMPLATE_LIMITS.bodyChars);
  } catch (err) {
    error = `The ${part} cannot be rendered: ${err instanceof TemplateError ? err.reason : err instanceof Error ? err.message : String(err)}.`;
    // The subject as written (cut to its limit) tells the email apart; the body is left out.
    if (part === 'subject') subject = params.subject.slice(0, TEMPLATE_LIMITS.subjectChars);
    body = '';
  }
  const suppressed = pass.skipEmails
    ? 'moment-passed'
    : error
      ? 'render-failed'
      : contact.properties.unsubscribed === true
        ? 'unsubscribed'
        : !contact.email
          ? 'no-email'
          : undefined;
  const id = ctx.newId('email');
  ctx.store.addEmail({
    id,
    kind: 'marketing',
    enrolmentId: e.id,
    flowId: e.flowId,
    contactId: contact.id,
    node: params.node,
    at: pass.at,
    to: contact.email ?? null,
    ...(params.from ? { from: params.from } : {}),
    subject,
    body,
    ...(suppressed ? { suppressed } : {}),
    ...(error ? { error } : {}),
  });
}

/** An `update` step: addScore, then stage (forward only), then set (spec §4.9). */
export function applyUpdate(pass: EffectPass, params: UpdateParams) {
  const { contact } = pass;
  if (params.addScore) contact.adjustments += params.addScore;
  if (params.stage) contact.stage = forwardStage(contact.stage, params.stage);
  if (params.set) Object.assign(contact.properties, params.set);
  pass.contactChanged();
}

/** A `handoff` step: chooses the owner, moves the stage, records what sales needs and notifies (spec §4.10). */
export function handOff(ctx: EffectContext, e: EnrolmentRecord, pass: EffectPass, params: HandoffParams, flow: Flow) {
  const { contact } = pass;
  const { store } = ctx;
  let owner = contact.owner;
  let route: HandoffRoute = owner ? 'owner' : 'none';
  if (!owner) {
    const rule = params.routing?.findIndex((r) => pass.holds(r.if)) ?? -1;
    if (rule >= 0) [owner, route] = [params.routing![rule]!.owner, `rule-${rule + 1}`];
  }
  if (!owner && params.roundRobin?.length) {
    owner = params.roundRobin[store.takeRoundRobin(e.flowId, e.version, params.node) % params.roundRobin.length]!;
    route = 'round-robin';
  }
  if (!owner && params.fallback) [owner, route] = [params.fallback, 'fallback'];
  contact.owner = owner;
  contact.stage = forwardStage(contact.stage, params.stage ?? 'sql');
  pass.contactChanged();
  const split = pass.split();
  const events = store.recentEvents(contact.id, 20);
  const emails = store.emailsOf(contact.id).filter((m) => m.kind === 'marketing' && !m.suppressed);
  store.addHandoff({
    id: ctx.newId('handoff'),
    enrolmentId: e.id,
    flowId: e.flowId,
    contactId: contact.id,
    node: params.node,
    at: pass.at,
    owner,
    route,
    score: split,
    stage: contact.stage,
    properties: { ...contact.properties },
    recentEvents: events.map(({ at, type, data }) => ({ at, type, data })),
    emailsReceived: emails.map(({ at, node, subject }) => ({ at, node, subject })),
  });
  if (owner && params.notify !== false) {
    const name = [contact.properties.firstName, contact.properties.lastName].filter(Boolean).join(' ') || contact.email || contact.id;
    const id = ctx.newId('email');
    store.addEmail({
      id,
      kind: 'notification',
      enrolmentId: e.id,
      flowId: e.flowId,
      contactId: contact.id,
      node: params.node,
      at: pass.at,
      to: owner,
      subject: `New lead for you: ${name} (score ${split.score})`,
      // Unrendered (a forecast): the times of the recent activity cost a time-zone lookup each.
      body: !ctx.renderEmails
        ? ''
        : [
            `${name} was handed to you by the flow "${flow.name}".`,
            `Score ${split.score} (fit ${split.fit}, behaviour ${split.behaviour}, adjustments ${split.adjustments}), stage ${contact.stage}.`,
            contact.email ? `Email: ${contact.email}` : 'No email address on file.',
            `Recent activity: ${
              events
                .slice(0, 5)
                .map((x) => `${x.type} (${formatLocal(x.at, flow.settings.timezone ?? 'UTC')})`)
                .join(', ') || 'none'
            }.`,
          ].join('\n'),
    });
  }
}
