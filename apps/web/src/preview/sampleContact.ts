import type { ContactRecord } from '@hourglass/engine';

export interface SampleContact {
  contact: ContactRecord;
  score: number;
}

/** The contact the email preview renders for until the marketer changes it. */
export const DEFAULT_SAMPLE: SampleContact = {
  contact: {
    id: 'c-sample',
    email: 'anna@example.com',
    stage: 'lead',
    owner: null,
    adjustments: 0,
    properties: { firstName: 'Anna', lastName: 'Berger', company: 'Acme', country: 'AT', employees: 120, industry: 'software' },
  },
  score: 35,
};
