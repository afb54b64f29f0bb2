import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, type FlowNode } from './flow.ts';
import { describeFlowDiff } from './describeFlowDiff.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const withNode = (id: string, change: (n: FlowNode) => FlowNode): Flow => ({ ...example, nodes: example.nodes.map((n) => (n.id === id ? change(n) : n)) });

describe('describeFlowDiff', () => {
  it('says a wait changed from one duration to another, naming the step by its label', () => {
    const after = withNode('wait-4d', (n) => ({ ...n, label: 'Give them time', config: { for: 'P5D' } }) as FlowNode);
    const before = withNode('wait-4d', (n) => ({ ...n, label: 'Give them time' }));
    expect(describeFlowDiff(before, after).stepsChanged).toEqual(['Wait “Give them time” changed from 4 days to 5 days']);
  });

  it('names the field that changed in emails, conditions, wait-fors, handoffs and triggers', () => {
    let after = withNode('reminder', (n) => ({ ...n, config: { ...n.config, subject: 'Still there?', body: 'New body' } }) as FlowNode);
    after = { ...after, nodes: after.nodes.map((n) => (n.id === 'ready' ? ({ ...n, config: { if: { score: { gte: 50 } } } } as FlowNode) : n)) };
    after = {
      ...after,
      nodes: after.nodes.map((n) =>
        n.id === 'engaged'
          ? ({ ...n, config: { until: { event: { type: 'email_clicked', where: { email: 'welcome-2' } } }, timeout: 'P7D' } } as FlowNode)
          : n.id === 'to-sales'
            ? ({ ...n, config: { ...n.config, fallback: 'team@example.com', notify: false } } as FlowNode)
            : n.id === 'start'
              ? ({ ...n, config: { on: 'event', event: 'form_submitted', where: { form: 'ebook' } } } as FlowNode)
              : n,
      ),
    };
    expect(describeFlowDiff(example, after).stepsChanged).toEqual([
      'Trigger “Whitepaper form submitted”: filter “form” changed from “whitepaper” to “ebook”',
      'Wait for “Clicked within 3 days?”: filter email changed from “welcome” to “welcome-2”',
      'Wait for “Clicked within 3 days?”: timeout changed from 3 days to 1 week',
      'Send email “Reminder”: subject changed from “Did you get a chance to read it?” to “Still there?”',
      'Send email “Reminder”: body changed',
      'Condition “Score ≥ 40?”: score ≥ changed from 40 to 50',
      'Sales handoff “Hand off to sales”: fallback owner changed from “sales@example.com” to “team@example.com”',
      'Sales handoff “Hand off to sales”: owner notification set to off',
    ]);
  });

  it('lists steps and connections added and removed, renames, settings and moves in words', () => {
    const after: Flow = {
      ...example,
      name: 'Whitepaper v2',
      settings: { ...example.settings, timezone: 'Europe/Vienna' },
      nodes: [
        ...example.nodes
          .filter((n) => n.id !== 'last-chance')
          .map((n) => (n.id === 'done' ? { ...n, label: 'The end' } : n.id === 'start' ? { ...n, position: { x: 1, y: 1 } } : n)),
        { id: 'bye', type: 'exit', config: {} },
      ],
      edges: [...example.edges.filter((e) => e.to !== 'last-chance' && e.from !== 'last-chance'), { from: 'ready', port: 'no', to: 'bye' }],
    };
    expect(describeFlowDiff(example, after)).toEqual({
      flow: ['Name changed from “Whitepaper download → nurture → sales” to “Whitepaper v2”', 'Settings: time zone changed from “UTC” to “Europe/Vienna”'],
      stepsAdded: ['Exit “bye”'],
      stepsRemoved: ['Send email “Last resource”'],
      stepsChanged: ['Exit “Done” renamed to “The end”'],
      connectionsAdded: ['“Score ≥ 40?” (no) → “bye”'],
      connectionsRemoved: ['“Score ≥ 40?” (no) → “Last resource”', '“Last resource” → “Done”'],
      movedOnly: 1,
    });
  });

  it('says a property condition by the property it compares, and a value set or removed', () => {
    const after = withNode(
      'to-sales',
      (n) =>
        ({
          ...n,
          config: { routing: [{ if: { property: { name: 'country', in: ['DE'] } }, owner: 'dach@example.com' }], stage: 'mql' },
        }) as FlowNode,
    );
    expect(describeFlowDiff(example, after).stepsChanged).toEqual([
      'Sales handoff “Hand off to sales”: routing rules changed',
      'Sales handoff “Hand off to sales”: stage changed from SQL to MQL',
      'Sales handoff “Hand off to sales”: fallback owner removed (was “sales@example.com”)',
    ]);
    const condition = withNode('ready', (n) => ({ ...n, config: { if: { property: { name: 'country', in: ['AT'] } } } }) as FlowNode);
    const changed = withNode('ready', (n) => ({ ...n, config: { if: { property: { name: 'country', in: ['AT', 'CH'] } } } }) as FlowNode);
    expect(describeFlowDiff(condition, changed).stepsChanged).toEqual(['Condition “Score ≥ 40?”: country in changed from AT to AT, CH']);
  });
});
