import { EngagementModel } from '@hourglass/documents';

/**
 * The engagement model a forecast uses when none is given: contacts arrive over two weeks and
 * enter through the flow's first trigger; 40% open an email about six hours after it is sent and
 * 12% click about eight hours after; everyone is a lead with an email address; nothing else
 * happens. Enough to see where a cohort goes; give a model for real numbers.
 */
export const defaultEngagementModel: EngagementModel = EngagementModel.parse({
  format: 'hourglass.engagement/1',
  start: '2026-01-05T09:00:00Z',
  horizon: 'P90D',
  arrivals: 'P14D',
  entry: 'trigger',
  contacts: { stages: { lead: 1 }, properties: {}, withEmail: 1, unsubscribed: 0 },
  emails: { default: { open: { probability: 0.4, delay: 'PT6H' }, click: { probability: 0.12, delay: 'PT8H' } }, nodes: {} },
  events: [],
});
