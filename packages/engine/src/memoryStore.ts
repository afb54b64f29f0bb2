import type { StoredContact, EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, StepRecord, TimerRecord } from './records.ts';
import type { EventGroup, Store } from './store.ts';

/** A contact's events of one type, by instant (ties by seq), and their groups once asked for. */
interface TypeHistory {
  byAt: EventRecord[];
  groups?: Map<string, EventGroup>;
}

function addToGroups(groups: Map<string, EventGroup>, e: EventRecord) {
  const key = JSON.stringify(e.data);
  const g = groups.get(key);
  if (!g) groups.set(key, { data: e.data, count: 1, lastAt: e.at });
  else {
    g.count++;
    if (e.at > g.lastAt) g.lastAt = e.at;
  }
}

/**
 * The in-memory store of the simulator and the browser. Transactions are trivial (one caller)
 * and do not roll back: an input that fails leaves its writes, and the simulator and the forecast
 * then discard the whole store. It keeps and hands back the very records it was given, so the
 * engine's live snapshots come back with them (see `Store`).
 */
export class MemoryStore implements Store {
  private contacts = new Map<string, StoredContact>();
  private events = new Map<string, EventRecord[]>();
  private eventsByType = new Map<string, TypeHistory>();
  private enrolments = new Map<string, EnrolmentRecord>();
  private enrolmentsByKey = new Map<string, EnrolmentRecord[]>();
  private byContact = new Map<string, EnrolmentRecord[]>();
  private steps = new Map<string, StepRecord[]>();
  private emails = new Map<string, EmailRecord[]>();
  private handoffs = new Map<string, HandoffRecord[]>();
  private counters = new Map<string, number>();
  // Timers are kept by enrolment; `order` keeps ties in the order they were set.
  private timers = new Map<string, { timer: TimerRecord; order: number }[]>();
  private timerOrder = 0;
  private seq = 0;
  private held = new Map<string, number>();

  /** Forgets everything, as a new store would (a forecast reuses one store contact after contact). */
  clear() {
    for (const map of [
      this.contacts,
      this.events,
      this.eventsByType,
      this.enrolments,
      this.enrolmentsByKey,
      this.byContact,
      this.steps,
      this.emails,
      this.handoffs,
      this.counters,
      this.timers,
      this.held,
    ])
      map.clear();
    this.timerOrder = 0;
    this.seq = 0;
  }

  transaction<T>(fn: () => T): T {
    return fn();
  }

  getContact(id: string) {
    return this.contacts.get(id);
  }
  putContact(contact: StoredContact) {
    this.contacts.set(contact.id, contact);
  }

  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord {
    const record = { ...event, seq: ++this.seq };
    const list = this.events.get(event.contactId);
    if (list) list.push(record);
    else this.events.set(event.contactId, [record]);
    const key = `${event.contactId}\u0000${event.type}`;
    const typed = this.eventsByType.get(key);
    if (!typed) this.eventsByType.set(key, { byAt: [record] });
    else {
      const { byAt } = typed;
      // Events mostly come in time order: then this is a push.
      let i = byAt.length;
      while (i > 0 && byAt[i - 1]!.at > record.at) i--;
      byAt.splice(i, 0, record);
      if (typed.groups) addToGroups(typed.groups, record);
    }
    return record;
  }
  eventsOf(contactId: string) {
    return this.events.get(contactId) ?? [];
  }
  lastEventSeq(contactId: string) {
    const list = this.events.get(contactId);
    return list?.length ? list[list.length - 1]!.seq : 0;
  }
  recentEvents(contactId: string, limit: number) {
    const list = this.events.get(contactId) ?? [];
    return list.slice(Math.max(0, list.length - limit)).reverse();
  }
  *eventsBetween(contactId: string, type: string, from: number, until: number) {
    const byAt = this.eventsByType.get(`${contactId}\u0000${type}`)?.byAt ?? [];
    // The first event after `until`, by binary search; then back in time down to `from`.
    let lo = 0;
    let hi = byAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byAt[mid]!.at <= until) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && byAt[i]!.at >= from; i--) yield byAt[i]!;
  }
  *eventsAfter(contactId: string, type: string, afterSeq: number) {
    const list = this.events.get(contactId) ?? [];
    for (let i = list.length - 1; i >= 0 && list[i]!.seq > afterSeq; i--) if (list[i]!.type === type) yield list[i]!;
  }
  eventGroups(contactId: string, type: string) {
    const typed = this.eventsByType.get(`${contactId}\u0000${type}`);
    if (!typed) return [];
    if (!typed.groups) {
      typed.groups = new Map();
      for (const e of typed.byAt) addToGroups(typed.groups, e);
    }
    return [...typed.groups.values()];
  }

  getEnrolment(id: string) {
    return this.enrolments.get(id);
  }
  enrolmentsOf(flowId: string, contactId: string) {
    return this.enrolmentsByKey.get(`${flowId}\u0000${contactId}`) ?? [];
  }
  activeEnrolmentsOf(contactId: string) {
    return (this.byContact.get(contactId) ?? []).filter((e) => e.status === 'active');
  }
  activeEnrolmentsIn(flowId: string, version: number, afterId: string | null, limit: number) {
    // The simulator's stores are small: a scan is enough.
    const found = [...this.enrolments.values()].filter(
      (e) => e.flowId === flowId && e.version === version && e.status === 'active' && (afterId === null || e.id > afterId),
    );
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
  }
  putEnrolment(enrolment: EnrolmentRecord) {
    const key = `${enrolment.flowId}\u0000${enrolment.contactId}`;
    const previous = this.enrolments.get(enrolment.id);
    if (!previous) {
      this.byContact.set(enrolment.contactId, [...(this.byContact.get(enrolment.contactId) ?? []), enrolment]);
      this.enrolmentsByKey.set(key, [...(this.enrolmentsByKey.get(key) ?? []), enrolment]);
    } else if (previous !== enrolment) {
      const swap = (list: EnrolmentRecord[] | undefined) =>
        list?.forEach((e, i) => {
          if (e === previous) list[i] = enrolment;
        });
      swap(this.byContact.get(enrolment.contactId));
      swap(this.enrolmentsByKey.get(key));
    }
    this.enrolments.set(enrolment.id, enrolment);
    const before = this.timers.get(enrolment.id) ?? [];
    const after = enrolment.timers.map((timer) => {
      const kept = before.find((t) => t.timer.id === timer.id && t.timer.wakeAt === timer.wakeAt);
      return kept ?? { timer, order: ++this.timerOrder };
    });
    if (after.length) this.timers.set(enrolment.id, after);
    else this.timers.delete(enrolment.id);
  }

  holdTimers(flowId: string, since: number | null) {
    if (since === null) this.held.delete(flowId);
    else this.held.set(flowId, since);
  }
  heldFlows() {
    return this.held;
  }
  /** Each enrolment's timers, but those of flows whose timers are held. */
  private *timerLists() {
    for (const [enrolmentId, list] of this.timers) if (!this.held.size || !this.held.has(this.enrolments.get(enrolmentId)!.flowId)) yield list;
  }

  dueTimers(until: number, limit: number) {
    if (limit === 1) {
      // The engine fires one timer at a time: find the earliest without sorting them all.
      let first: { timer: TimerRecord; order: number } | undefined;
      for (const list of this.timerLists()) {
        for (const t of list) {
          if (t.timer.wakeAt <= until && (!first || t.timer.wakeAt < first.timer.wakeAt || (t.timer.wakeAt === first.timer.wakeAt && t.order < first.order)))
            first = t;
        }
      }
      return first ? [first.timer] : [];
    }
    return [...this.timerLists()]
      .flat()
      .filter((t) => t.timer.wakeAt <= until)
      .sort((a, b) => a.timer.wakeAt - b.timer.wakeAt || a.order - b.order)
      .slice(0, limit)
      .map((t) => t.timer);
  }
  nextTimerAt() {
    let min: number | undefined;
    for (const list of this.timerLists()) for (const { timer } of list) if (min === undefined || timer.wakeAt < min) min = timer.wakeAt;
    return min;
  }

  addStep(step: StepRecord) {
    const list = this.steps.get(step.enrolmentId);
    if (list) list.push(step);
    else this.steps.set(step.enrolmentId, [step]);
  }
  setStepPort(enrolmentId: string, node: string, port: string) {
    const list = this.steps.get(enrolmentId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.node === node) {
        list[i]!.port = port;
        return;
      }
    }
  }
  stepsOf(enrolmentId: string) {
    return this.steps.get(enrolmentId) ?? [];
  }
  lastStepAt(enrolmentId: string, node: string) {
    return this.stepsOf(enrolmentId).findLast((s) => s.node === node)?.at;
  }

  addEmail(email: EmailRecord) {
    this.emails.set(email.contactId, [...(this.emails.get(email.contactId) ?? []), email]);
  }
  emailsOf(contactId: string) {
    return this.emails.get(contactId) ?? [];
  }
  addHandoff(handoff: HandoffRecord) {
    this.handoffs.set(handoff.contactId, [...(this.handoffs.get(handoff.contactId) ?? []), handoff]);
  }
  handoffsOf(contactId: string) {
    return this.handoffs.get(contactId) ?? [];
  }

  takeRoundRobin(flowId: string, version: number, node: string) {
    const key = `${flowId}@${version}:${node}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    return n;
  }
}
