// Many contacts waiting in a live flow, for the migration benchmark and crash test: the welcome
// flow (signup → hello → wait a day → again → done) published as version 1, `count` contacts
// signed up through the server's one way in (the inbox, processed in slices), then version 2
// published with another follow-up (and, with `longerWait`, a two-day wait), ready to move them to.
import type { Runtime } from '../apps/server/src/runtime.ts';
import { welcomeFlow } from '../apps/server/src/testApp.ts';

const SLICE = 1000;

/** Version 2 of the welcome flow: the follow-up is another email; with `longerWait` the wait is two days. */
export const welcomeV2 = (longerWait = false) =>
  welcomeFlow('welcome', {
    nodes: welcomeFlow().nodes.map((n) =>
      n.id === 'wait' && longerWait
        ? { ...n, config: { for: 'P2D' } }
        : n.id === 'again'
          ? { ...n, config: { subject: 'Case study', body: 'How Acme did it' } }
          : n,
    ),
  });

export function fillWaiting(
  runtime: Runtime,
  count: number,
  { longerWait = false, log = () => {} }: { longerWait?: boolean; log?: (line: string) => void } = {},
): void {
  const { workspace } = runtime;
  workspace.saveDraft('welcome', welcomeFlow());
  if (!workspace.publish('welcome', 'version 1')?.published) throw new Error('could not publish version 1');
  for (let from = 0; from < count; from += SLICE) {
    const events = [];
    for (let i = from; i < Math.min(count, from + SLICE); i++)
      events.push({ id: `signup-${i}`, contactId: `c${i}`, type: 'signup', properties: { firstName: 'Ann' } });
    const [accepted] = runtime.accept([events]);
    if (accepted instanceof Error) throw accepted;
    while (runtime.processInbox(SLICE) > 0);
    if ((from / SLICE) % 20 === 19) log(`${from + SLICE} of ${count} contacts waiting`);
  }
  workspace.saveDraft('welcome', welcomeV2(longerWait));
  if (!workspace.publish('welcome', 'version 2')?.published) throw new Error('could not publish version 2');
}
