// Entry of a forecast worker thread: like bin/hourglass.js, it runs the TypeScript sources
// through tsx (module hooks do not carry over into worker threads).
import { register } from 'tsx/esm/api';

register();
await import('../src/forecastWorker.ts');
