import { afterEach, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const note = { id: 'note:1', text: 'Ask sales about the DACH routing', position: { x: 600, y: 40 } };

describe('notes on the canvas of a flow', () => {
  it('keeps the notes beside the flow, out of its document, and removes them with the flow', async () => {
    t = createTestApp();
    expect((await t.call('POST', '/api/flows', readFixture('whitepaper-nurture', 'flow.json'))).status).toBe(201);
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/notes')).body).toEqual({ notes: [] });
    const saved = await t.call('PUT', '/api/flows/whitepaper-nurture/notes', { notes: [note] });
    expect(saved.status).toBe(200);
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/notes')).body).toEqual({ notes: [note] });
    expect(Object.keys((await t.call('GET', '/api/flows/whitepaper-nurture/export')).body)).not.toContain('notes');

    expect((await t.call('DELETE', '/api/flows/whitepaper-nurture')).status).toBe(204);
    expect((await t.call('POST', '/api/flows', readFixture('whitepaper-nurture', 'flow.json'))).status).toBe(201);
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/notes')).body).toEqual({ notes: [] });
  });

  it('refuses a note whose id could be a step id, and notes of a flow that does not exist', async () => {
    t = createTestApp();
    await t.call('POST', '/api/flows', readFixture('whitepaper-nurture', 'flow.json'));
    const bad = await t.call('PUT', '/api/flows/whitepaper-nurture/notes', { notes: [{ ...note, id: 'welcome' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].pointer).toBe('/notes/0/id');
    expect((await t.call('GET', '/api/flows/nowhere/notes')).status).toBe(404);
    expect((await t.call('PUT', '/api/flows/nowhere/notes', { notes: [] })).status).toBe(404);
  });
});
