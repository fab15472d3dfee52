/**
 * One notification worker in a process of its own, as on an instance of a scaled-out deployment
 * (the way tests/api/notification-workers.test.ts runs them): it builds Arrivo on the database and
 * SMTP server its environment names, says "ready", and on "go" delivers the outbox until a round
 * finds nothing due, then reports how many messages it took.
 *
 *   tsx bench/notify-worker.ts      (DATABASE_URL or DATA_DIR, SMTP_URL, PUBLIC_URL in the environment)
 */
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/create-db.js';

export type WorkerChildMessage = { type: 'ready' } | { type: 'failed'; error: string } | { type: 'done'; handled: number; seconds: number; cpuSeconds: number };
export type WorkerParentMessage = { type: 'go' } | { type: 'stop' };

const send = (message: WorkerChildMessage) => process.send!(message);

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', NOTIFICATION_WORKER: 'false' });
  const database = createDb(config);
  const app = await buildApp(config, { database });
  // Open the pool's connections now, so the measured time holds no connection set-up.
  await database.db.selectFrom('outbox_messages').select('id').limit(1).execute();
  process.on('message', (message: WorkerParentMessage) => {
    if (message.type === 'go') {
      const started = performance.now();
      const cpu = process.cpuUsage();
      app.services.notificationWorker.drain().then(
        (handled) => {
          const used = process.cpuUsage(cpu);
          send({ type: 'done', handled, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 });
        },
        (error: unknown) => send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
    } else if (message.type === 'stop') {
      app
        .close()
        .then(() => database.destroy())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    }
  });
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
