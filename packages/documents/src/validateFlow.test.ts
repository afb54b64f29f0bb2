import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from './validateFlow.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const whitepaper = JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8'));

function base(): Record<string, any> {
  return structuredClone(whitepaper);
}
function codes(doc: unknown) {
  return validateFlow(doc).problems.map((p) => `${p.severity}:${p.code}@${p.pointer}`);
}

describe('validateFlow', () => {
  it('accepts the whitepaper example with no problem at all', () => {
    const v = validateFlow(base());
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.flow?.id).toBe('whitepaper-nurture');
  });

  it('refuses an unknown format with a clear sentence', () => {
    const v = validateFlow({ ...base(), format: 'hourglass.flow/9' });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ code: 'unknown-format', pointer: '/format', message: expect.stringContaining('hourglass.flow/1') })]);
  });

  it('reports every problem at once, each with pointer, node id, code and sentence', () => {
    const doc = base();
    doc.nodes[2].config.timeout = 'P1M';
    doc.nodes[5].type = 'teleport';
    doc.edges.push({ from: 'ready', port: 'maybe', to: 'done' });
    const v = validateFlow(doc);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(
      expect.arrayContaining([
        {
          severity: 'error',
          code: 'bad-duration',
          pointer: '/nodes/2/config/timeout',
          nodeId: 'engaged',
          message: expect.stringMatching(/^Node "engaged": .*years or months/),
        },
        expect.objectContaining({ severity: 'error', code: 'unknown-node-type', pointer: '/nodes/5/type', nodeId: 'wait-4d' }),
        expect.objectContaining({ severity: 'error', code: 'edge-bad-port', pointer: '/edges/11/port', nodeId: 'ready' }),
      ]),
    );
  });

  it.each([
    [
      'a bad time of day',
      (d: any) => {
        d.nodes[5] = { id: 'wait-4d', type: 'wait', config: { until: { time: '9am' } } };
      },
      'bad-time',
      '/nodes/5/config/until/time',
    ],
    [
      'a bad time zone',
      (d: any) => {
        d.settings.timezone = 'Europe/Atlantis';
      },
      'bad-timezone',
      '/settings/timezone',
    ],
    [
      'a bad stage',
      (d: any) => {
        d.nodes[7].config.stage = 'hot';
      },
      'bad-stage',
      '/nodes/7/config/stage',
    ],
    [
      'a bad Liquid template',
      (d: any) => {
        d.nodes[1].config.subject = 'Hi {{ contact.firstName ';
      },
      'bad-template',
      '/nodes/1/config/subject',
    ],
    [
      'a template that includes a file',
      (d: any) => {
        d.nodes[1].config.body = "{% include 'package.json' %}";
      },
      'template-reads-file',
      '/nodes/1/config/body',
    ],
    [
      'a bad instant',
      (d: any) => {
        d.nodes[5].config = { until: { at: 'tomorrow' } };
      },
      'bad-instant',
      '/nodes/5/config/until/at',
    ],
    [
      'a condition with two keys',
      (d: any) => {
        d.nodes[6].config.if = { score: { gte: 1 }, stage: { eq: 'lead' } };
      },
      'bad-condition',
      '/nodes/6/config/if',
    ],
    [
      'an unknown field',
      (d: any) => {
        d.nodes[5].config.forr = 'P1D';
      },
      'unknown-field',
      '/nodes/5/config/forr',
    ],
    [
      'a missing config',
      (d: any) => {
        delete d.nodes[9].config;
      },
      'missing-field',
      '/nodes/9/config',
    ],
    [
      'duplicate node ids',
      (d: any) => {
        d.nodes[9].id = 'ready';
      },
      'duplicate-node-id',
      '/nodes/9/id',
    ],
    [
      'an edge from a missing node',
      (d: any) => {
        d.edges[0].from = 'ghost';
      },
      'edge-missing-node',
      '/edges/0/from',
    ],
    [
      'an edge to a missing node',
      (d: any) => {
        d.edges[0].to = 'ghost';
      },
      'edge-missing-node',
      '/edges/0/to',
    ],
    [
      'an edge into a trigger',
      (d: any) => {
        d.edges[10].to = 'start';
      },
      'edge-into-trigger',
      '/edges/10/to',
    ],
    [
      'two edges from one port',
      (d: any) => {
        d.edges.push({ from: 'welcome', to: 'done' });
      },
      'port-has-two-edges',
      '/edges/11',
    ],
    [
      'no trigger',
      (d: any) => {
        d.nodes.splice(0, 1);
        d.edges.splice(0, 1);
      },
      'no-trigger',
      '/nodes',
    ],
    [
      'a trigger without its edge',
      (d: any) => {
        d.edges.splice(0, 1);
      },
      'trigger-without-edge',
      '/nodes/0',
    ],
    [
      'an edge out of an exit',
      (d: any) => {
        d.nodes.push({ id: 'later', type: 'exit', config: {} });
        d.edges.push({ from: 'done', to: 'later' });
      },
      'edge-out-of-exit',
      '/edges/11',
    ],
    [
      'a split with one branch',
      (d: any) => {
        d.nodes.push({ id: 's', type: 'split', config: { branches: [{ key: 'a', weight: 1 }] } });
      },
      'split-too-few-branches',
      '/nodes/10/config/branches',
    ],
    [
      'a split weight of zero',
      (d: any) => {
        d.nodes.push({
          id: 's',
          type: 'split',
          config: {
            branches: [
              { key: 'a', weight: 1 },
              { key: 'b', weight: 0 },
            ],
          },
        });
      },
      'split-bad-weight',
      '/nodes/10/config/branches/1/weight',
    ],
    [
      'a repeated split key',
      (d: any) => {
        d.nodes.push({
          id: 's',
          type: 'split',
          config: {
            branches: [
              { key: 'a', weight: 1 },
              { key: 'a', weight: 2 },
            ],
          },
        });
      },
      'split-duplicate-key',
      '/nodes/10/config/branches/1/key',
    ],
    [
      'an update that does nothing',
      (d: any) => {
        d.nodes.push({ id: 'u', type: 'update', config: {} });
      },
      'update-does-nothing',
      '/nodes/10/config',
    ],
    [
      'a cycle of instant nodes',
      (d: any) => {
        d.edges[9].to = 'ready';
      },
      'instant-cycle',
      '/nodes/6',
    ],
    [
      'a send window that closes before it opens',
      (d: any) => {
        d.settings.sendWindow = { days: ['mon'], from: '17:00', to: '09:00' };
      },
      'bad-send-window',
      '/settings/sendWindow',
    ],
  ])('reports %s as an error', (_what, change, code, pointer) => {
    const doc = base();
    change(doc);
    const v = validateFlow(doc);
    expect(v.ok).toBe(false);
    expect(codes(doc)).toContain(`error:${code}@${pointer}`);
  });

  it.each([
    [
      'a node no trigger reaches',
      (d: any) => {
        d.nodes.push({ id: 'orphan', type: 'exit', config: {} });
      },
      'unreachable-node',
      '/nodes/10',
    ],
    [
      'a port with no edge',
      (d: any) => {
        d.edges.splice(8, 1);
      },
      'port-without-edge',
      '/nodes/6',
    ],
    [
      'a waitFor without timeout',
      (d: any) => {
        delete d.nodes[2].config.timeout;
        d.edges.splice(3, 1);
      },
      'waitfor-without-timeout',
      '/nodes/2/config',
    ],
    [
      'a handoff that can choose no owner',
      (d: any) => {
        delete d.nodes[7].config.fallback;
      },
      'handoff-without-owner',
      '/nodes/7/config',
    ],
  ])('reports %s as a warning that does not block publishing', (_what, change, code, pointer) => {
    const doc = base();
    change(doc);
    const v = validateFlow(doc);
    expect(codes(doc)).toContain(`warning:${code}@${pointer}`);
    expect(v.ok).toBe(true);
  });

  it('allows loops that pass through a wait', () => {
    const doc = base();
    doc.edges[10].to = 'wait-4d';
    expect(codes(doc).filter((c) => c.startsWith('error'))).toEqual([]);
  });

  it('explains a non-object document instead of throwing', () => {
    expect(validateFlow(null).problems[0]!.code).toBe('not-an-object');
    expect(validateFlow([1, 2]).ok).toBe(false);
    expect(validateFlow({ format: 'hourglass.flow/1' }).problems.map((p) => p.code)).toEqual(expect.arrayContaining(['missing-field', 'no-trigger']));
  });
});
