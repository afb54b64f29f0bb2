// Live flows that contact imports enrol contacts into, shared by the PostgreSQL import tests.
import { welcomeFlow } from '../apps/server/src/testApp.ts';

/** A live flow entered when a contact becomes a marketing-qualified lead. */
export const mqlFlow = {
  ...welcomeFlow('to-mql'),
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'stage', stage: 'mql' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [{ from: 'start', to: 'done' }],
};
