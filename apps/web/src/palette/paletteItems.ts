import type { NodeOfType, NodeType } from '@hourglass/documents';

/** One thing the marketer can drag onto the canvas: a node type with a ready-made config. */
export type PaletteItem = {
  [T in NodeType]: { key: string; type: T; title: string; hint: string; config: NodeOfType<T>['config'] };
}[NodeType];

const hi = '{{ contact.firstName | default: "there" }}';

// Presets start valid where a sensible default exists, so a new node does not open with errors.
export const PALETTE_ITEMS: readonly PaletteItem[] = [
  { key: 'trigger', type: 'trigger', title: 'Trigger', hint: 'Contacts enter on an event', config: { on: 'event', event: 'form_submitted' } },
  { key: 'wait', type: 'wait', title: 'Wait', hint: 'Pause for a duration', config: { for: 'P1D' } },
  {
    key: 'waitFor',
    type: 'waitFor',
    title: 'Wait for',
    hint: 'Until a condition or a timeout',
    config: { until: { event: { type: 'email_clicked' } }, timeout: 'P3D' },
  },
  { key: 'sendEmail', type: 'sendEmail', title: 'Send email', hint: 'A marketing email', config: { subject: `Hello ${hi}`, body: `Hi ${hi},\n\n` } },
  { key: 'condition-score', type: 'condition', title: 'Condition: score', hint: 'Score at least…', config: { if: { score: { gte: 40 } } } },
  {
    key: 'condition-property',
    type: 'condition',
    title: 'Condition: property',
    hint: 'A contact property is…',
    config: { if: { property: { name: 'industry', eq: 'software' } } },
  },
  { key: 'condition-stage', type: 'condition', title: 'Condition: stage', hint: 'Stage at least…', config: { if: { stage: { gte: 'mql' } } } },
  {
    key: 'condition-event',
    type: 'condition',
    title: 'Condition: event',
    hint: 'Did something recently',
    config: { if: { event: { type: 'webinar_attended', within: 'P30D' } } },
  },
  {
    key: 'split',
    type: 'split',
    title: 'Split',
    hint: 'A/B by weight',
    config: {
      branches: [
        { key: 'a', weight: 50 },
        { key: 'b', weight: 50 },
      ],
    },
  },
  { key: 'update-score', type: 'update', title: 'Update: score', hint: 'Add points', config: { addScore: 10 } },
  { key: 'update-stage', type: 'update', title: 'Update: stage', hint: 'Move the stage forward', config: { stage: 'mql' } },
  { key: 'update-property', type: 'update', title: 'Update: property', hint: 'Set a property', config: { set: { nurtured: true } } },
  { key: 'handoff', type: 'handoff', title: 'Sales handoff', hint: 'Give the lead to sales', config: {} },
  { key: 'exit', type: 'exit', title: 'Exit', hint: 'Leave the flow', config: {} },
];

export function paletteItem(key: string): PaletteItem | undefined {
  return PALETTE_ITEMS.find((i) => i.key === key);
}
