import { describe, expect, it } from 'vitest';
import type { FlowReport } from '@hourglass/api';
import { reportCsv } from './reportCsv.ts';

const v = (handedOff: number, accepted: number, rejected: number, open: number) => ({ handedOff, accepted, rejected, open });
const report = {
  nodes: { hello: { entered: 10, ports: {}, waiting: 0 } },
  emails: {
    hello: {
      sent: 6,
      undelivered: 2,
      suppressed: 2,
      suppressedReasons: { unsubscribed: 1, 'no-email': 1 },
      failed: 0,
      opened: 5,
      uniqueOpened: 3,
      clicked: 2,
      uniqueClicked: 1,
      unsubscribed: 0,
    },
  },
  handoffs: {
    sales: {
      total: v(4, 1, 1, 2),
      routes: [{ route: 'rule-1', ...v(4, 1, 1, 2) }],
      bands: [{ min: 40, max: 49, ...v(4, 1, 1, 2) }],
    },
  },
} as unknown as FlowReport;
const nameOf = (id: string) => (id === 'hello' ? 'Hello, friend' : id);

describe('the report as CSV', () => {
  it('writes the emails with sent as accepted plus refused and rates of the delivered ones, quoting names with commas', () => {
    const [header, row] = reportCsv.emails(report, nameOf).trim().split('\n');
    expect(header).toBe(
      'email,name,reached,sent,delivered,suppressed,suppressed reasons,failed,opened,unique opened,open rate,clicked,unique clicked,click rate,click to open,unsubscribed,unsubscribe rate',
    );
    expect(row).toBe('hello,"Hello, friend",10,8,6,2,unsubscribed: 1; no-email: 1,0,5,3,0.5000,2,1,0.1667,0.3333,0,0.0000');
  });

  it("writes the handoffs by routing rule and by score band with sales' verdicts", () => {
    expect(reportCsv.handoffs(report, nameOf)).toBe(
      [
        'handoff,name,by,value,handed off,accepted,rejected,waiting,acceptance rate',
        'sales,sales,routing rule,rule-1,4,1,1,2,0.5000',
        'sales,sales,score band,40 to 49,4,1,1,2,0.5000',
        '',
      ].join('\n'),
    );
  });

  it('writes the funnel with the share of the first step and the drop to the next', () => {
    const steps = [
      { node: 'start', entered: 10, port: null, drop: 4 },
      { node: 'hello', entered: 6, port: null, drop: null },
    ];
    expect(reportCsv.funnel(steps, nameOf).trim().split('\n')).toEqual([
      'step,node,name,entered,share of first step,left by,drop to next step,drop rate',
      '1,start,start,10,1.0000,,4,0.4000',
      '2,hello,"Hello, friend",6,0.6000,,,',
    ]);
  });
});
