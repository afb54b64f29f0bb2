import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { durationMs, type Flow } from '@hourglass/documents';
import type { CompiledFlow } from '@hourglass/compiler';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { migrateAll, migrateSlice, nodeMap, type MigrationPlan } from './migration.ts';
import { randomEvents, randomFlow, randomRun, validFlow } from './randomFlows.ts';
import { scenarioInstant } from './simulate.ts';
import type { EnrolmentRecord, StepRecord } from './records.ts';

const START = Date.parse('2026-03-27T10:00:00Z');
const HORIZON = 30 * 86_400_000;
const HOUR = 3_600_000;

/** A contact's inputs in order, driven with the migration (if any) right after every input and timer up to its instant. */
function drive(engine: Engine, contacts: { id: string; events: { at: number; type: string }[] }[], at: number, migrate: (() => void) | null) {
  const inputs = contacts
    .flatMap((c, i) => c.events.map((e, j) => ({ ...e, contactId: c.id, order: i * 1000 + j })))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  let migrated = migrate === null;
  for (const input of inputs) {
    if (!migrated && input.at > at) {
      engine.fireTimersUntil(at);
      migrate!();
      migrated = true;
    }
    engine.fireTimersUntil(input.at);
    engine.ingest({ contactId: input.contactId, at: input.at, type: input.type, properties: { employees: inputs.length } });
  }
  if (!migrated) {
    engine.fireTimersUntil(at);
    migrate!();
  }
  engine.fireTimersUntil(START + HORIZON);
}

function newEngine(flow: Flow, contacts: readonly string[]) {
  const store = new MemoryStore();
  const engine = new Engine({ store });
  engine.addFlow(flow, 1);
  for (const id of contacts) engine.putContact({ id, email: `${id}@x.io`, stage: 'subscriber', owner: null, properties: {}, adjustments: 0 });
  return { store, engine };
}

/** A contact's steps with the moves left out: the port a moved step got goes to the step it continued. */
function withoutMoves(steps: readonly StepRecord[]) {
  const out: { at: number; node: string; type: string; port?: string }[] = [];
  for (const s of steps) {
    if (s.migratedFrom) {
      const continued = out.findLast((x) => x.node === s.node);
      if (continued && s.port !== undefined) continued.port = s.port;
      continue;
    }
    out.push({ at: s.at, node: s.node, type: s.type, ...(s.port !== undefined ? { port: s.port } : {}) });
  }
  return out;
}

/** Everything that happened to contact c, versions aside. */
function outcome(store: MemoryStore, flow: Flow) {
  return {
    enrolments: store.enrolmentsOf(flow.id, 'c').map((e) => ({
      status: e.status,
      endedAt: e.endedAt,
      position: e.position,
      steps: withoutMoves(store.stepsOf(e.id)),
      timers: e.timers.map((t) => [t.id, t.wakeAt]),
    })),
    emails: store.emailsOf('c').map((m) => [m.at, m.node, m.subject, m.suppressed]),
    handoffs: store.handoffsOf('c').map((h) => [h.at, h.node, h.owner]),
    contact: store.getContact('c'),
  };
}

/** The timers the state an enrolment is in sets, by XState's ids: exactly these must be pending. */
function expectedTimers(compiled: CompiledFlow, e: EnrolmentRecord): string[] {
  if (e.status !== 'active') return [];
  const value = e.snapshot.value as string | Record<string, string>;
  const [node, child] = typeof value === 'string' ? [value, undefined] : Object.entries(value)[0]!;
  const state = compiled.machine.states[node]!;
  const ids = Object.keys(state.after ?? {}).map((d) => `xstate.after.${d}.flow.${node}`);
  if (child) ids.push(...Object.keys(state.states?.[child]?.after ?? {}).map((d) => `xstate.after.${d}.flow.${node}.${child}`));
  return ids.sort();
}

describe('migration properties', () => {
  it('changes no future step when every contact moves by the identity map to an identical version', () => {
    fc.assert(
      fc.property(randomRun, fc.integer({ min: 0, max: 30 * 24 }), ({ flow, scenario }, hours) => {
        fc.pre(flow !== null);
        const events = scenario.events.map((e) => ({ at: scenarioInstant(e.at, START), type: e.type }));
        const contacts = [{ id: 'c', events }];
        const at = START + hours * HOUR;
        const kept = newEngine(flow!, ['c']);
        drive(kept.engine, contacts, at, null);
        const moved = newEngine(flow!, ['c']);
        const copy = structuredClone(flow!);
        drive(moved.engine, contacts, at, () => {
          moved.engine.addFlow(copy, 2);
          migrateAll(moved.engine, { flowId: flow!.id, from: 1, to: 2, map: nodeMap(flow!, copy), unmapped: 'stay' }, at, 1);
        });
        expect(outcome(moved.store, flow!)).toEqual(outcome(kept.store, flow!));
      }),
      { numRuns: 150 },
    );
  });

  it('moves every active enrolment exactly once or leaves it, and loses or doubles no timer, for random versions and maps', () => {
    const contacts = fc.array(randomEvents, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        randomFlow,
        randomFlow,
        contacts,
        fc.array(fc.nat(), { minLength: 13, maxLength: 13 }),
        fc.constantFrom<MigrationPlan['unmapped']>('stay', 'exit'),
        fc.integer({ min: 0, max: 30 * 24 }),
        fc.integer({ min: 1, max: 4 }),
        (docA, docB, timelines, picks, unmapped, hours, slice) => {
          const a = validFlow(docA);
          const b = validFlow(docB);
          fc.pre(a !== null && b !== null);
          const at = START + hours * HOUR;
          const people = timelines.map((events, i) => ({
            id: `c${i}`,
            events: [{ at: START, type: 'signup' }, ...events.map((e) => ({ at: START + durationMs(e.at), type: e.type }))],
          }));
          const { store, engine } = newEngine(
            a!,
            people.map((p) => p.id),
          );
          // Some nodes keep their default, some go to a random node of B, some to none.
          const targets = [null, ...b!.nodes.map((n) => n.id)];
          const map = nodeMap(
            a!,
            b!,
            Object.fromEntries(a!.nodes.flatMap((n, i) => (picks[i]! % 3 === 0 ? [] : [[n.id, targets[picks[i]! % targets.length]!]]))),
          );
          const plan: MigrationPlan = { flowId: a!.id, from: 1, to: 2, map, unmapped };
          let before: EnrolmentRecord[] = [];
          const totals = { moved: 0, stayed: 0, exited: 0 };
          drive(engine, people, at, () => {
            engine.addFlow(b!, 2);
            before = store.activeEnrolmentsIn(a!.id, 1, null, Infinity).map((e) => ({ ...e }));
            for (let after: string | null = null, done = false; !done;) {
              const o = migrateSlice(engine, plan, after, slice, at);
              totals.moved += o.moved;
              totals.stayed += o.stayed;
              totals.exited += o.exited;
              ({ last: after, done } = o);
              checkTimers();
            }
            // Run again, nothing more moves: a moved enrolment is in version 2, a left one stays left.
            expect(migrateAll(engine, plan, at)).toEqual({ moved: 0, goal: 0, stayed: totals.stayed, exited: 0 });
            for (const old of before) {
              const e = store.getEnrolment(old.id)!;
              const moves = store.stepsOf(e.id).filter((s) => s.migratedFrom);
              const target = map[old.position!] ?? null;
              if (target === null && unmapped === 'stay') {
                expect(e).toMatchObject({ version: 1, status: 'active', position: old.position });
                expect(e.timers).toEqual(old.timers);
              } else if (target === null) {
                expect(e).toMatchObject({ version: 1, status: 'completed', endedAt: at, timers: [] });
              } else {
                expect(e.version).toBe(2);
                if (moves.length === 0) expect(e).toMatchObject({ status: 'goal', endedAt: at });
              }
              expect(moves.map((s) => s.migratedFrom)).toEqual(target === null || moves.length === 0 ? [] : [{ version: 1, node: old.position }]);
            }
            expect(totals.moved + totals.stayed + totals.exited).toBe(before.length);
          });
          checkTimers();

          function checkTimers() {
            let pending = 0;
            for (const p of people) {
              for (const e of store.enrolmentsOf(a!.id, p.id)) {
                const compiled = engine.runtimeOf(e.flowId, e.version)!.compiled;
                expect(e.timers.map((t) => t.id).sort()).toEqual(expectedTimers(compiled, e));
                pending += e.timers.length;
              }
            }
            expect(store.dueTimers(Infinity, Infinity)).toHaveLength(pending);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
