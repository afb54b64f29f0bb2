// For tests: the app over a fresh temporary database, and a small JSON client for app.request().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLOW_FORMAT } from '@hourglass/documents';
import type { Database } from 'better-sqlite3';
import { ManualClock, systemClock } from './clock.ts';
import { createApp } from './createApp.ts';
import { freshDatabase } from './db/freshDatabase.ts';
import { emailComposer } from './emailComposer.ts';
import { OutboxDelivery } from './outboxDelivery.ts';
import { publicSecret } from './publicToken.ts';
import { Runtime } from './runtime.ts';
import { hashToken } from './token.ts';
import type { MailTransport } from './smtpTransport.ts';
import { appDepsOf, type AppDeps } from './appDeps.ts';

export const TEST_TOKEN = 'test-token-of-at-least-32-characters';
/** Where links in the test app's emails point (HOURGLASS_PUBLIC_URL). */
export const TEST_PUBLIC_URL = 'http://hourglass.test';

export interface TestAppOptions {
  manualClock?: boolean;
  bodyLimit?: number;
  templatesDir?: string;
  webDist?: string;
  transport?: MailTransport;
  simulation?: AppDeps['simulation'];
  trustProxy?: boolean;
  wallClock?: () => number;
}

/** A JSON answer: status, parsed body and headers. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** Builds the app on a temporary database; `close` removes it. */
export function createTestApp(options: TestAppOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-test-'));
  const dbPath = join(dir, 'test.db');
  const db = freshDatabase(dbPath);
  // A test's database need not survive a power cut: commits skip the disk's sync, which made
  // tests wait on the disk (a killed process still loses nothing committed).
  db.pragma('synchronous = NORMAL');
  const manualClock = options.manualClock ? new ManualClock() : undefined;
  const clock = manualClock ?? systemClock;
  let delivery: OutboxDelivery | undefined;
  const runtime = new Runtime({ db, clock, onCommit: () => delivery?.kick(), log: () => {} });
  const secret = publicSecret(runtime.repos.settings);
  delivery = new OutboxDelivery({
    outbox: runtime.repos.outbox,
    clock,
    defaultFrom: 'test@hourglass.example',
    compose: emailComposer({ settings: runtime.repos.settings, secret, publicUrl: () => TEST_PUBLIC_URL }),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const app = createApp({
    ...appDepsOf(runtime, secret),
    tokenHash: hashToken(TEST_TOKEN),
    drainOutbox: () => delivery!.drain(),
    publicUrl: () => TEST_PUBLIC_URL,
    ...(manualClock ? { manualClock } : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
    ...(options.webDist ? { webDist: options.webDist } : {}),
    ...(options.simulation ? { simulation: options.simulation } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
  });

  /** Calls the API with the test token; `body` is sent as JSON unless it is a string or bytes (sent as they are). */
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const init: RequestInit = {
      method,
      headers: { Authorization: `Bearer ${TEST_TOKEN}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) } : {}),
    };
    const response = await app.request(path, init);
    return answerOf<T>(response);
  }

  return {
    app,
    runtime,
    db: db as Database,
    dbPath,
    delivery,
    manualClock,
    call,
    async close() {
      await delivery!.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = ReturnType<typeof createTestApp>;

/** A small valid form (`PUT /api/forms/:id`): email, first name, company size and a required consent, without double opt-in. */
export function whitepaperForm(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Whitepaper',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'firstName', label: 'First name', type: 'text' },
      { name: 'size', label: 'Company size', type: 'select', options: ['1-10', '11-50'] },
    ],
    consent: { text: 'I agree to receive emails about the whitepaper.', required: true },
    doubleOptIn: false,
    ...overrides,
  };
}

/** A small valid flow: `signup` event → welcome email → wait 1 day → follow-up email → exit. */
export function welcomeFlow(id = 'welcome', overrides: Record<string, unknown> = {}) {
  return {
    format: FLOW_FORMAT,
    id,
    name: 'Welcome',
    settings: {},
    nodes: [
      { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
      { id: 'hello', type: 'sendEmail', config: { subject: 'Hello {{ contact.firstName | default: "there" }}', body: 'Welcome!' } },
      { id: 'wait', type: 'wait', config: { for: 'P1D' } },
      { id: 'again', type: 'sendEmail', config: { subject: 'Day two', body: 'Still here?' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'start', to: 'hello' },
      { from: 'hello', to: 'wait' },
      { from: 'wait', to: 'again' },
      { from: 'again', to: 'done' },
    ],
    ...overrides,
  };
}

/** Saves and publishes a flow through the API, failing loudly when either is refused. */
export async function publishFlow(t: TestApp, flow: { id: string }) {
  const saved = await t.call('PUT', `/api/flows/${flow.id}`, flow);
  if (saved.status >= 300) throw new Error(`saving ${flow.id}: ${saved.status} ${saved.text}`);
  const published = await t.call('POST', `/api/flows/${flow.id}/publish`, {});
  if (published.status !== 201) throw new Error(`publishing ${flow.id}: ${published.status} ${published.text}`);
  return published.body as { version: number };
}

/** A flow that hands the contact to sales and waits for their verdict (`sales_feedback`). */
export const salesFlow = {
  format: FLOW_FORMAT,
  id: 'to-sales',
  name: 'To sales',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'demo_requested' } },
    { id: 'hand', type: 'handoff', config: { fallback: 'sam@example.com' } },
    { id: 'verdict', type: 'waitFor', config: { until: { event: { type: 'sales_feedback', where: { verdict: 'accepted' } } }, timeout: 'P30D' } },
    { id: 'won', type: 'update', config: { stage: 'opportunity' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'hand' },
    { from: 'hand', to: 'verdict' },
    { from: 'verdict', port: 'met', to: 'won' },
    { from: 'verdict', port: 'timeout', to: 'done' },
    { from: 'won', to: 'done' },
  ],
};

/** A response as tests read it: the parsed JSON body, else undefined (the text is there). */
export async function answerOf<T = any>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}
