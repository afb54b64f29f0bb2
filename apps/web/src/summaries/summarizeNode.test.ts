import { describe, expect, it } from 'vitest';
import { summarizeNode } from './summarizeNode.ts';
import { summarizeCondition } from './summarizeCondition.ts';

describe('summarizeNode', () => {
  it('shows a negative wait or timeout with its minus, as stored, never as a forward wait', () => {
    expect(summarizeNode({ type: 'wait', config: { for: '-P3D' } })).toBe('Wait −3 days');
    expect(summarizeNode({ type: 'waitFor', config: { until: { event: { type: 'email_clicked' } }, timeout: '-PT1H' } })).toBe('email_clicked, up to −1 hour');
  });

  it('says what each node does in one line, as on the canvas', () => {
    expect(summarizeNode({ type: 'wait', config: { for: 'P3D' } })).toBe('Wait 3 days');
    expect(summarizeNode({ type: 'condition', config: { if: { score: { gte: 40 } } } })).toBe('Score ≥ 40?');
    expect(summarizeNode({ type: 'sendEmail', config: { subject: 'Your whitepaper, {{ contact.firstName | default: "there" }}', body: '' } })).toBe(
      'Send: Your whitepaper, {{ contact.firstName }}',
    );
    expect(summarizeNode({ type: 'trigger', config: { on: 'event', event: 'form_submitted', where: { form: 'whitepaper' } } })).toBe(
      'When form_submitted (form = whitepaper)',
    );
    expect(summarizeNode({ type: 'waitFor', config: { until: { event: { type: 'email_clicked', where: { email: 'welcome' } } }, timeout: 'P3D' } })).toBe(
      'email_clicked (email = welcome), up to 3 days',
    );
    expect(summarizeNode({ type: 'wait', config: { until: { time: '09:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] } } })).toBe(
      'Wait until 09:00 on Mon–Fri',
    );
    expect(
      summarizeNode({
        type: 'split',
        config: {
          branches: [
            { key: 'a', weight: 1 },
            { key: 'b', weight: 3 },
          ],
        },
      }),
    ).toBe('Split a 25% / b 75%');
    expect(summarizeNode({ type: 'update', config: { addScore: -5, stage: 'mql', set: { plan: 'pro' } } })).toBe('Score −5, stage → MQL, plan = pro');
    expect(summarizeNode({ type: 'handoff', config: { routing: [{ if: { score: { gte: 1 } }, owner: 'a' }], fallback: 'sales@example.com' } })).toBe(
      'To sales: 1 routing rule, else sales@example.com',
    );
    expect(summarizeNode({ type: 'exit', config: {} })).toBe('Leave the flow');
  });
});

describe('summarizeCondition', () => {
  it('reads nested logic with brackets where they matter', () => {
    expect(
      summarizeCondition({ all: [{ stage: { gte: 'mql' } }, { any: [{ property: { name: 'country', in: ['DE', 'AT'] } }, { not: { score: { lt: 10 } } }] }] }),
    ).toBe('Stage ≥ MQL and (country in DE, AT or not Score < 10)');
  });

  it('does not fail on an unfinished condition of a draft', () => {
    expect(summarizeCondition({} as never)).toBe('(no condition yet)');
    expect(summarizeCondition({ score: {} } as never)).toBe('Score (no comparison yet)');
  });
});
