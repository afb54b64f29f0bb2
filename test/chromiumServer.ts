// Vitest's global set-up for the end-to-end tests: one Chromium for the whole run, to which every
// file connects (inject('chromium'), connectChromium) instead of starting a browser of its own.
// Each test still gets a new browser context, so nothing carries over from one test to another.
import type { TestProject } from 'vitest/node';
import { launchChromiumServer } from './launchChromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's Chromium to connect to, or '' when HOURGLASS_E2E_URL names a running server (then a file starts its own). */
    chromium: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.HOURGLASS_E2E_URL) {
    project.provide('chromium', '');
    return async () => {};
  }
  const browser = await launchChromiumServer();
  project.provide('chromium', browser.wsEndpoint());
  return () => browser.close();
}
