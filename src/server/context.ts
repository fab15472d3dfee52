import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db, DatabaseKind } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { EventBus } from './lib/events.js';
import type { DevMailbox } from './modules/notifications/dev-mailbox.js';
import type { Mailer } from './modules/notifications/mailer.js';

/** What every service is built with, once, at boot. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  bus: EventBus;
  mailer: Mailer;
  /** What would have been sent, when no SMTP or SMS provider is configured. */
  devMailbox: DevMailbox;
  logger: FastifyBaseLogger;
}
