// Fires due process timers and kills its own process (SIGKILL, no clean-up) inside the
// transaction of the timer numbered by argv[3]: what a power cut or `kill -9` does mid-work.
import { openDb } from '#platform/db/db.ts';
import { NotificationsService } from '#modules/notifications/notifications.service.ts';
import { ProcessService } from './process.service.ts';

const [target, crashAt] = [process.argv[2]!, Number(process.argv[3])];
const db = await openDb(target.startsWith('postgres') ? { databaseUrl: target, poolSize: 2 } : { dataDir: target });
const engine = new ProcessService(db, new NotificationsService(db));
let n = 0;
await engine.fireDueTimers({
  afterWork: () => {
    if (++n === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
console.error('the crash did not happen');
process.exit(3);
