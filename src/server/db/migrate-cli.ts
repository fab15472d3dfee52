import { loadConfig } from '../config.js';
import { createDb } from './create-db.js';
import { migrateToLatest } from './migrate.js';

// `npm run db:migrate`: brings the configured database to the latest schema (npm start does this too).
const config = loadConfig();
const database = createDb(config);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} finally {
  await database.destroy();
}
