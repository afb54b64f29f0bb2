import fc from 'fast-check';
import { CONDITION_PORTS, FLOW_FORMAT, WAIT_FOR_PORTS, type Flow, type FlowEdge, type FlowNode } from '@hourglass/documents';

// Test support: random flow documents, valid or not, with and without the optional fields, so
// the converters are checked on every shape the schema allows rather than on a few examples.
const text = fc.string({ maxLength: 12 });
const nodeId = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
const position = fc.record({ x: fc.double({ noNaN: true, noDefaultInfinity: true }), y: fc.integer({ min: -5000, max: 5000 }) });
const condition = fc.oneof(
  fc.record({ score: fc.record({ gte: fc.integer() }) }),
  fc.record({ stage: fc.record({ lt: fc.constantFrom('lead', 'mql' as const) }) }),
  fc.record({ property: fc.record({ name: text, in: fc.array(fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null))) }) }),
  fc.record({ event: fc.record({ type: text, where: fc.dictionary(text, text), within: fc.constant('P30D') }, { requiredKeys: ['type'] }) }),
  fc.constant({ all: [{ score: { gt: 1 } }, { not: { stage: { eq: 'sql' as const } } }] }),
);
const config = {
  trigger: fc.oneof(
    fc.record(
      { on: fc.constant('event' as const), event: text, where: fc.dictionary(text, fc.oneof(text, fc.array(text))) },
      { requiredKeys: ['on', 'event'] },
    ),
    fc.record({ on: fc.constant('score' as const), gte: fc.integer() }),
    fc.constant({ on: 'manual' as const }),
  ),
  wait: fc.oneof(
    fc.record({ for: text }),
    fc.record({ until: fc.record({ time: fc.constant('09:00'), days: fc.constant(['mon' as const]) }, { requiredKeys: ['time'] }) }),
  ),
  waitFor: fc.record({ until: condition, timeout: text }, { requiredKeys: ['until'] }),
  sendEmail: fc.record(
    { subject: text, body: text, from: text, content: fc.constantFrom('awareness', 'decision' as const) },
    { requiredKeys: ['subject', 'body'] },
  ),
  condition: fc.record({ if: condition }),
  split: fc.record({ branches: fc.array(fc.record({ key: text, weight: fc.integer() }), { maxLength: 4 }) }),
  update: fc.record(
    { addScore: fc.integer(), stage: fc.constant('mql' as const), set: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null))) },
    { requiredKeys: [] },
  ),
  handoff: fc.record(
    {
      routing: fc.array(fc.record({ if: condition, owner: text })),
      roundRobin: fc.array(text),
      fallback: text,
      stage: fc.constant('sql' as const),
      notify: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  exit: fc.constant({}),
};

const flowNode: fc.Arbitrary<FlowNode> = fc
  .tuple(
    fc.constantFrom(...(Object.keys(config) as (keyof typeof config)[])),
    nodeId,
    fc.option(text, { nil: undefined }),
    fc.option(position, { nil: undefined }),
  )
  .chain(([type, id, label, pos]) =>
    (config[type] as fc.Arbitrary<unknown>).map(
      (c) =>
        ({
          id,
          type,
          ...(label !== undefined ? { label } : {}),
          ...(pos !== undefined ? { position: pos } : {}),
          config: c,
        }) as FlowNode,
    ),
  );

/** A random flow document: any nodes, and edges between them (or to missing nodes), with or without ports. */
export const flowArbitrary: fc.Arbitrary<Flow> = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    name: text,
    description: fc.option(text, { nil: undefined }),
    settings: fc.record(
      {
        timezone: fc.constantFrom('UTC', 'Europe/Vienna'),
        reentry: fc.constantFrom('never', 'after-exit' as const),
        goal: condition,
        sendWindow: fc.record({ days: fc.constant(['mon' as const, 'fri' as const]), from: fc.constant('09:00'), to: fc.constant('17:00') }),
      },
      { requiredKeys: [] },
    ),
    nodes: fc.array(flowNode, { maxLength: 12 }),
  })
  .chain((f) => {
    const ids = [...f.nodes.map((n) => n.id), 'missing'];
    const edge: fc.Arbitrary<FlowEdge> = fc
      .record({
        from: fc.constantFrom(...ids),
        to: fc.constantFrom(...ids),
        port: fc.option(fc.constantFrom(...CONDITION_PORTS, ...WAIT_FOR_PORTS, 'a'), { nil: undefined }),
      })
      .map(({ port, ...e }) => (port === undefined ? e : { ...e, port }));
    return fc.array(edge, { maxLength: 16 }).map((edges) => {
      const { description, ...rest } = f;
      return { format: FLOW_FORMAT, ...rest, ...(description !== undefined ? { description } : {}), edges } as Flow;
    });
  })
  .map(
    ({ format, id, name, description, settings, nodes, edges }) =>
      // The spec's key order, so that a strict comparison also checks the order the converters write.
      // structuredClone: fast-check builds records without a prototype; documents parsed from JSON have one.
      structuredClone({ format, id, name, ...(description !== undefined ? { description } : {}), settings, nodes, edges }) as Flow,
  );
