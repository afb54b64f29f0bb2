import type { InboxCommand } from './inboxEntry.ts';
import type { Accepted, IncomingEvent, InputProcessor } from './runtime.ts';

type Outcome = { accepted: number; duplicates: number };

/**
 * How a client wants its events answered: `processed` once they have gone through the flows (the
 * default), `accepted` once they are durable in the inbox ("Prefer: respond-async").
 */
export type AnswerWhen = 'processed' | 'accepted';

/** Inbox rows per slice while requests keep coming in (one slice every few turns), and after. */
const SLICE_UNDER_LOAD = 8;
const BUSY_TURNS_PER_SLICE = 8;
const SLICE = 64;

type Settle<T> = { resolve: (o: T) => void; reject: (e: Error) => void };
type Pending =
  | ({ kind: 'events'; events: readonly IncomingEvent[]; when: AnswerWhen } & Settle<Outcome>)
  | ({ kind: 'command'; command: InboxCommand } & Settle<unknown>)
  | ({ kind: 'job'; run: () => unknown } & Settle<unknown>);
/** Something waiting for the line to be processed up to place `last`. */
type Waiting = { last: number; done: () => void; reject: (e: Error) => void };

/**
 * The one way in for inputs, in two steps. Requests that arrive while the event loop is busy are
 * accepted together into the inbox in one transaction on the next turn (group commit: one disk
 * sync for all of them). The inbox is then processed in arrival order in slices between
 * requests: while requests keep coming, a short slice every few turns (answering stays fast and
 * the inbox takes the burst), longer slices once they stop. Events are answered after the commit
 * that holds them if the client asked for the answer on acceptance, otherwise once processed; a
 * command (contact update, enrolment, verdict) with its outcome once processed; a job (a slice
 * of a contact import) runs once everything accepted before it is processed, before anything
 * after it. The inbox is never drained synchronously: each slice is one turn of the event loop.
 */
export class InputQueue {
  private pending: Pending[] = [];
  /** Event requests waiting for their last event to be processed. */
  private waiting: Waiting[] = [];
  /** Commands waiting for their outcome, by place in line. */
  private commands = new Map<number, Settle<unknown>>();
  /** Jobs in line order, each after place `last`. */
  private jobs: Waiting[] = [];
  private scheduled = false;
  private draining = false;
  private stopped = false;
  /** Requests came in since the last slice: the next slice is short, so answers keep flowing. */
  private busy = false;
  private busyTurns = 0;
  private idle: { done: () => void; failed: (e: unknown) => void } | undefined;

  constructor(
    private readonly runtime: InputProcessor,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  /** Queues a request's events; answers with how many were new once accepted or processed (`when`). */
  submit(events: readonly IncomingEvent[], when: AnswerWhen = 'processed'): Promise<Outcome> {
    return new Promise((resolve, reject) => this.push({ kind: 'events', events, when, resolve, reject }));
  }

  /** Queues a command; answers with its outcome once processed (`Runtime.processInbox`). */
  send<T>(command: InboxCommand): Promise<T> {
    return new Promise<unknown>((resolve, reject) => this.push({ kind: 'command', command, resolve, reject })) as Promise<T>;
  }

  /** Runs `run` at its place in line: after every input accepted before, before any after. */
  inLine<T>(run: () => T): Promise<T> {
    return new Promise<unknown>((resolve, reject) => this.push({ kind: 'job', run, resolve, reject })) as Promise<T>;
  }

  /** Works off what a stop left in the inbox; `done` once it is empty, `failed` if a slice throws. */
  catchUp(callbacks: { done: () => void; failed: (e: unknown) => void }): void {
    this.idle = callbacks;
    this.drain();
  }

  /** Stops processing after the slice in progress (the server is closing). */
  stop(): void {
    this.stopped = true;
  }

  private push(p: Pending) {
    this.pending.push(p);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private drain(): void {
    if (this.draining || this.stopped) return;
    this.draining = true;
    setImmediate(() => this.step());
  }

  private flush() {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const inputs = batch.filter((p) => p.kind !== 'job');
    let outcomes: (Accepted | Error)[];
    // A job goes after what is in line when it arrives (0: nothing).
    let mark: number;
    try {
      mark = this.runtime.inboxLast();
      outcomes = inputs.length ? this.runtime.accept(inputs.map((p) => (p.kind === 'events' ? p.events : p.command))) : [];
    } catch (e) {
      for (const r of batch) r.reject(e as Error);
      return;
    }
    // Only new requests make the next slice short: a job alone (an import's slice) need not wait.
    if (inputs.length) this.busy = true;
    let i = 0;
    for (const r of batch) {
      if (r.kind === 'job') {
        this.jobs.push({ last: mark, done: () => settle(r, r.run), reject: r.reject });
        continue;
      }
      const o = outcomes[i++]!;
      if (o instanceof Error) {
        r.reject(o);
        continue;
      }
      if (o.last) mark = o.last;
      if (r.kind === 'command') {
        this.commands.set(o.last, r);
        continue;
      }
      const outcome = { accepted: o.accepted, duplicates: o.duplicates };
      if (r.when === 'accepted' || o.last === 0) r.resolve(outcome);
      else this.waiting.push({ last: o.last, done: () => r.resolve(outcome), reject: r.reject });
    }
    this.drain();
  }

  /** One slice of the inbox (up to the next job), then the answers it allows, then the next slice on a later turn. */
  private step() {
    if (this.stopped) return;
    let reached: number;
    let empty: boolean;
    const through = this.jobs[0]?.last;
    try {
      const busy = this.busy || this.pending.length > 0;
      this.busy = false;
      // Under load, a short slice every few turns: answering requests comes first.
      if (busy && ++this.busyTurns % BUSY_TURNS_PER_SLICE !== 0) {
        setImmediate(() => this.step());
        return;
      }
      const upTo = this.runtime.processInbox(busy ? SLICE_UNDER_LOAD : SLICE, {
        through,
        answer: (n, outcome) => {
          const c = this.commands.get(n);
          if (!c) return;
          this.commands.delete(n);
          if (outcome instanceof Error) c.reject(outcome);
          else c.resolve(outcome);
        },
      });
      empty = !this.runtime.inboxWaiting();
      // Nothing left up to the next job: everything before it is processed.
      reached = empty ? Infinity : upTo === 0 ? (through ?? 0) : upTo;
    } catch (e) {
      // The database failed: those waiting get the error; the line stays in the inbox for the
      // next request (or the next start) to take up.
      this.log(`Processing the inbox failed: ${(e as Error).message}`);
      for (const w of [...this.waiting.splice(0), ...this.jobs.splice(0), ...this.commands.values()]) w.reject(e as Error);
      this.commands.clear();
      this.draining = false;
      this.idle?.failed(e);
      this.idle = undefined;
      return;
    }
    const done = this.waiting.filter((w) => w.last <= reached);
    if (done.length) this.waiting = this.waiting.filter((w) => w.last > reached);
    for (const w of done) w.done();
    while (this.jobs.length && this.jobs[0]!.last <= reached) this.jobs.shift()!.done();
    if (!empty || this.jobs.length) setImmediate(() => this.step());
    else {
      this.draining = false;
      this.idle?.done();
      this.idle = undefined;
    }
  }
}

function settle<T>(r: Settle<T>, run: () => T) {
  let value: T;
  try {
    value = run();
  } catch (e) {
    return r.reject(e instanceof Error ? e : new Error(String(e)));
  }
  r.resolve(value);
}
