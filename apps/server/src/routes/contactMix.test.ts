import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('the mix of the contacts', () => {
  it('counts stages, gives the range of number properties and the common values of text properties, and leaves out names', async () => {
    t = createTestApp();
    expect((await t.call('GET', '/api/contact-mix')).body).toEqual({ contacts: 0, stages: {}, properties: {} });
    const industries = ['software', 'software', 'software', 'retail', 'retail', 'health'];
    for (const [i, industry] of industries.entries()) {
      const properties = { firstName: `Person ${i}`, industry, employees: 10 * (i + 1), country: i < 4 ? 'AT' : 'DE', revenue: i + 0.5 };
      expect((await t.call('PUT', `/api/contacts/c-${i}`, { email: `p${i}@example.com`, stage: i < 2 ? 'mql' : 'lead', properties })).status).toBe(201);
    }
    for (let i = 6; i < 30; i++) await t.call('PUT', `/api/contacts/c-${i}`, { properties: { firstName: `Person ${i}` } });
    const mix = (await t.call('GET', '/api/contact-mix')).body;
    expect(mix.contacts).toBe(30);
    expect(mix.stages).toEqual({ mql: 2, lead: 4, subscriber: 24 });
    expect(mix.properties.industry).toEqual({ kind: 'text', contacts: 6, values: { software: 3, retail: 2, health: 1 }, distinct: 3 });
    expect(mix.properties.country).toEqual({ kind: 'text', contacts: 6, values: { AT: 4, DE: 2 }, distinct: 2 });
    expect(mix.properties.employees).toEqual({ kind: 'number', contacts: 6, min: 10, max: 60, integer: true });
    expect(mix.properties.revenue).toMatchObject({ kind: 'number', min: 0.5, max: 5.5, integer: false });
    expect(mix.properties.firstName).toBeUndefined();
  });
});
