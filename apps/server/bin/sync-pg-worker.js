// Entry of SyncPg's worker thread: it runs the TypeScript sources through tsx, as `npm start`
// does (module hooks do not carry over into worker threads).
import { register } from 'tsx/esm/api';

register();
await import('../src/pg/syncPgWorker.ts');
