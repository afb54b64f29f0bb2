import { forwardStage, type Condition, type ScoringModel, type Stage } from '@hourglass/documents';
import { holds, ownValue, type ConditionSubject } from './conditions.ts';
import { countInStore, type EventQuery } from './eventQuery.ts';
import type { World } from './flowMachine.ts';
import type { InputEvent } from './engineTypes.ts';
import type { ContactRecord, EventRecord, ScoreSplit, StepRecord } from './records.ts';
import { computeScore } from './scoring.ts';
import type { Store } from './store.ts';

/** The contact as an input found it, for stage and score triggers. */
export type Before = { score: number | undefined; stage: Stage | undefined };

/** What a pass reads of the engine: its store and its scoring model (which may be replaced). */
export interface PassSource {
  readonly store: Store;
  readonly scoring: ScoringModel | undefined;
}

/** A contact at one instant while one input is processed: what guards, delays and actions see. */
export class Pass implements World, ConditionSubject {
  private cachedScore: ScoreSplit | null = null;
  /** Per enrolment, the nodes entered during this pass (all at this one instant). */
  readonly entered = new Map<string, Set<string>>();
  /**
   * Per enrolment, the steps entered during this pass and not written yet: a step left within
   * the pass (a condition, an email) is written once with its port instead of written and then
   * updated. The enrolment's `settle` writes them.
   */
  readonly steps = new Map<string, StepRecord[]>();
  /** Whether the contact changed since it was read; `Engine.finish` then writes it, once. */
  contactUnsaved = false;
  /** Emails are recorded as not sent (`moment-passed`), see `EffectPass`. */
  skipEmails = false;
  private loaded: ContactRecord | undefined;
  /**
   * `contact` is the contact itself, or its id to read it when first used: a migration that keeps
   * a contact waiting as it is may never need it, and reading it is a good part of that cost.
   */
  constructor(
    private readonly engine: PassSource,
    contact: ContactRecord | string,
    public at: number,
  ) {
    if (typeof contact === 'string') this.contactId = contact;
    else {
      this.contactId = contact.id;
      this.loaded = contact;
    }
  }
  readonly contactId: string;
  /** The contact as this pass sees it (a copy of the stored one, or a new one that `Engine.finish` writes). */
  get contact(): ContactRecord {
    if (!this.loaded) {
      const found = this.engine.store.getContact(this.contactId);
      this.loaded = found
        ? { ...found, properties: { ...found.properties } }
        : { id: this.contactId, stage: 'subscriber', owner: null, properties: {}, adjustments: 0 };
      this.contactUnsaved = !found;
    }
    return this.loaded;
  }
  /** The contact itself changed (properties, stage, owner or adjustments): write it, rescore. */
  contactChanged() {
    this.contactUnsaved = true;
    this.cachedScore = null;
  }
  /** Counts the contact's events through the store's narrow queries (never the whole history). */
  countEvents(query: EventQuery, limit: number) {
    return countInStore(this.engine.store, this.contactId, query, limit);
  }
  lastSeq() {
    return this.engine.store.lastEventSeq(this.contactId);
  }
  /** Something the score reads changed (an event, a flow step): it is computed again when asked. */
  forgetScore() {
    this.cachedScore = null;
  }
  split(): ScoreSplit {
    this.cachedScore ??= computeScore(this.engine.scoring, this.contact, (query, limit) => this.countEvents(query, limit), this.at);
    return this.cachedScore;
  }
  score() {
    return this.split().score;
  }
  holds(condition: Condition, sinceSeq?: number) {
    return holds(condition, this, sinceSeq);
  }
  property(name: string) {
    return ownValue(this.contact.properties, name);
  }

  /** Records an event and merges it into the contact (spec §4.1). */
  applyEvent(input: InputEvent): EventRecord {
    const { contact } = this;
    const recorded = this.engine.store.addEvent({ contactId: contact.id, at: input.at, type: input.type, data: input.data ?? {} });
    const { properties } = contact;
    // Events often repeat properties the contact already has: only a real change is written.
    let touched = false;
    for (const [name, value] of Object.entries(input.properties ?? {})) {
      if (properties[name] === value) continue;
      properties[name] = value;
      touched = true;
    }
    if (input.stage) {
      const stage = forwardStage(contact.stage, input.stage);
      touched ||= stage !== contact.stage;
      contact.stage = stage;
    }
    if (input.type === 'unsubscribed' && properties.unsubscribed !== true) {
      properties.unsubscribed = true;
      touched = true;
    }
    // Campaign spec §3: a resubscribe clears it, in a scenario as on the server.
    if (input.type === 'resubscribed' && properties.unsubscribed === true) {
      properties.unsubscribed = false;
      touched = true;
    }
    if (touched) this.contactChanged();
    else this.forgetScore();
    return recorded;
  }
}
