import { describe, expect, it } from 'vitest';
import type { EmailReport, NodeReport } from '@hourglass/api';
import { emailNumbers, emailRates } from './emailRates.ts';
import { edgeShareLabel, portShare } from './portShares.ts';
import { count, dayInWords, share, shortRate, shortShare } from './reportNumbers.ts';

describe('report numbers', () => {
  it('writes counts, shares and days as a marketer reads them', () => {
    expect(count(12345)).toBe('12,345');
    expect(share(1, 8)).toBe('12.5%');
    expect(share(1, 0)).toBe('–');
    expect([shortShare(62, 100), shortShare(1, 1000), shortShare(999, 1000), shortShare(0, 5), shortShare(5, 5)]).toEqual(['62%', '<1%', '>99%', '0%', '100%']);
    expect([shortRate(0.625), shortRate(null)]).toEqual(['63%', '–']);
    expect(dayInWords('2026-03-02')).toBe('Mon 2 Mar 2026');
  });

  it('gives the share of contacts that left by a port among all who left the node', () => {
    const node: NodeReport = { entered: 10, ports: { yes: 5, no: 3 }, waiting: 2 };
    expect(portShare(node, 'yes')).toEqual({ left: 5, of: 8 });
    expect(portShare(node, 'maybe')).toEqual({ left: 0, of: 8 });
    expect(portShare(node, null)).toBeNull();
    expect(edgeShareLabel(node, 'no')).toEqual({ label: 'no: 38%', ariaLabel: '3 of 8 contacts left by no (38%)' });
  });

  it('counts sent as accepted plus refused emails, and rates opens, clicks and unsubscribes of the delivered ones', () => {
    const e: EmailReport = {
      sent: 40,
      undelivered: 10,
      suppressed: 5,
      suppressedReasons: { unsubscribed: 5 },
      failed: 1,
      opened: 30,
      uniqueOpened: 20,
      clicked: 12,
      uniqueClicked: 8,
      unsubscribed: 2,
    };
    const n = emailNumbers(e, 60);
    expect(n).toMatchObject({ reached: 60, sent: 50, delivered: 40 });
    expect(emailRates(n)).toEqual({ sent: 50 / 60, delivered: 0.8, opened: 0.5, clicked: 0.2, clickToOpen: 0.4, unsubscribed: 0.05 });
    expect(emailRates(emailNumbers({ ...e, sent: 0, undelivered: 0, uniqueOpened: 0, uniqueClicked: 0 }, 0)).opened).toBeNull();
  });
});
