import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiCall } from './apiClient.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function answering(status: number, json?: unknown) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, method: String(init.method), headers: init.headers as Record<string, string>, body: init.body });
    return new Response(json === undefined ? null : JSON.stringify(json), { status });
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiCall', () => {
  it('fills the path parameters of the route, encoded, and sends its method and JSON body', async () => {
    const sent = answering(200, { scenario: {}, name: 'a/b' });
    await apiCall('saveScenario', {
      params: { id: 'welcome', name: 'a/b' },
      body: { scenario: { format: 'hourglass.scenario/1', name: 'x', contact: { id: 'c' }, events: [] } as never },
    });
    expect(sent[0]).toMatchObject({ url: '/api/flows/welcome/scenarios/a%2Fb', method: 'PUT' });
    expect(sent[0]!.headers['Content-Type']).toBe('application/json');
  });

  it('leaves out query parameters without a value', async () => {
    const sent = answering(200, { contacts: [] });
    await apiCall('listContacts', { query: { search: '', limit: 20 } });
    expect(sent[0]!.url).toBe('/api/contacts?limit=20');
  });

  it('sends a CSV body with the content type of the route', async () => {
    const sent = answering(200, { created: 1, updated: 0, unchanged: 0, failed: [] });
    const summary = await apiCall('importContacts', { query: { dryRun: true, key: 'email' }, raw: 'email\na@example.com\n' });
    expect(summary.created).toBe(1);
    expect(sent[0]).toMatchObject({ url: '/api/contacts/import?dryRun=true&key=email', method: 'POST', body: 'email\na@example.com\n' });
    expect(sent[0]!.headers['Content-Type']).toBe('text/csv; charset=utf-8');
  });

  it('turns an answer that is not a success into an ApiError with its sentence and problems', async () => {
    answering(422, { error: 'The flow has errors.', problems: [{ path: '/nodes', message: 'x', severity: 'error', code: 'c' }] });
    const error = await apiCall('publishFlow', { params: { id: 'f' }, body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, message: 'The flow has errors.' });
    expect((error as ApiError).problems).toHaveLength(1);
  });

  it('refuses at compile time a call that does not fit the route', () => {
    answering(200, {});
    const wrong = [
      // @ts-expect-error a route that does not exist
      () => apiCall('getFlows'),
      // @ts-expect-error a path parameter is missing
      () => apiCall('getFlow', {}),
      // @ts-expect-error a body that is not the route's
      () => apiCall('enrol', { params: { id: 'f' }, body: { contact: 'c' } }),
      // @ts-expect-error a query parameter the route does not know
      () => apiCall('listHandoffs', { query: { state: 'open' } }),
    ];
    expect(wrong).toHaveLength(4);
  });
});
