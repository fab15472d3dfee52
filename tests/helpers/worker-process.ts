/**
 * A notification worker in a process of its own, as on a real instance: it runs until no message
 * is pending any more (or it is killed). Used by the crash and two-worker tests.
 *   tsx tests/helpers/worker-process.ts '<env as JSON>'
 */
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createDb } from '../../src/server/db/create-db.js';

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const config = loadConfig({ ...env, NODE_ENV: 'test', NOTIFICATION_POLL_MS: '50' });
const database = createDb(config);
const app = await buildApp(config, { database });
app.services.notificationWorker.start();
console.log('worker started');

const deadline = Date.now() + 60_000;
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const pending = await database.db.selectFrom('outbox_messages').select('id').where('status', '=', 'pending').where('channel', '=', 'email').limit(1).execute();
  if (pending.length === 0 || Date.now() > deadline) break;
}
await app.close();
await database.destroy();
process.exit(0);
