import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { FastifyInstance } from 'fastify';
import { createDb, type DatabaseHandle } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';

/** Starts Arrivo: checks the configuration, migrates the database, listens, and closes cleanly on a signal. */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const database = createDb(config);
  await migrateToLatest(database.db);
  const app = await buildApp(config, { database });

  await app.listen({ host: config.host, port: config.port });
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  app.log.info(`Arrivo is running on ${config.publicUrl} (${where})`);

  if (config.notificationWorker) app.services.notificationWorker.start();

  const setupLink = await app.services.companies.issueSetupLinkIfEmpty();
  if (setupLink) {
    console.log(`\n  No company yet. Create the first one here (the link works once):\n\n    ${setupLink}\n`);
  }

  closeOnSignals(app, database);
  return app;
}

/** Closes the server (and its database) cleanly on SIGINT or SIGTERM, then exits. */
export function closeOnSignals(app: FastifyInstance, database: DatabaseHandle) {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info(`${signal} received, closing`);
      app
        .close()
        .then(() => database.destroy())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            app.log.error({ err: error }, 'error while closing');
            process.exit(1);
          },
        );
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  start().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
