import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Db } from '../../db/database.js';
import { findLiveEventsByIds, LIVE_CHANNEL, listLiveEventsAfter, maxLiveEventId } from './live-events.repository.js';
import type { LiveEventRow } from './live-events.table.js';
import type { LiveHub } from './live-hub.js';

/**
 * How committed rows of the event log reach every instance's hub. Started when the first stream
 * opens (an instance nobody watches does not listen); `committed` is called after each commit of
 * this instance with the rows it wrote.
 */
export interface FanOut {
  /** Whether each row must be announced by a NOTIFY in the transaction that writes it (PostgreSQL without Redis). */
  readonly notifyInTransaction: boolean;
  start(): Promise<void>;
  committed(rows: LiveEventRow[]): void;
  stop(): Promise<void>;
}

const BATCH = 500;

/**
 * SQLite: one instance and one writer, so ids commit in order and a cursor over the log is exact:
 * after each commit the hub reads what follows the cursor.
 */
export class InProcessFanOut implements FanOut {
  readonly notifyInTransaction = false;
  private cursor: number | null = null;
  private starting: Promise<void> | null = null;
  private running: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly db: Db,
    private readonly hub: LiveHub,
    private readonly logger: FastifyBaseLogger,
  ) {}

  start(): Promise<void> {
    this.starting ??= maxLiveEventId(this.db).then((max) => {
      this.cursor = max;
    });
    return this.starting;
  }

  committed(): void {
    if (this.cursor === null || this.dirty) return;
    this.dirty = true;
    this.running = this.running.then(() => this.drain()).catch((error: unknown) => this.logger.error({ err: error }, 'live updates: delivery failed'));
  }

  private async drain() {
    while (this.dirty) {
      this.dirty = false;
      for (;;) {
        const rows = await listLiveEventsAfter(this.db, this.cursor!, BATCH);
        if (rows.length === 0) break;
        this.cursor = rows[rows.length - 1]!.id;
        await this.hub.deliver(rows);
        if (rows.length < BATCH) break;
      }
    }
  }

  async stop(): Promise<void> {
    await this.running;
  }
}

/** After a reconnect, the rows this far back are read again (streams drop what they already sent). */
const CATCH_UP_OVERLAP = 100;

/**
 * PostgreSQL: each row is announced by a NOTIFY sent in the transaction that wrote it, so it arrives
 * only once committed, in commit order, at every instance. A dedicated connection LISTENs (pooled
 * connections cannot: LISTEN belongs to a session); it reconnects after an error and then catches
 * up from the log.
 */
export class PostgresFanOut implements FanOut {
  readonly notifyInTransaction = true;
  private client: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private stopped = false;
  private retryMs = 500;
  private readonly announced: SerialBatches<number>;
  private highestSeen = 0;

  constructor(
    private readonly url: string,
    private readonly db: Db,
    private readonly hub: LiveHub,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.announced = new SerialBatches((ids) => this.deliver(ids), logger);
  }

  start(): Promise<void> {
    this.starting ??= this.connect().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  /** Nothing to do: PostgreSQL itself announces each commit. */
  committed(): void {}

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      const id = Number(message.payload);
      if (Number.isSafeInteger(id)) this.enqueue([id]);
    });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'live updates: LISTEN connection lost; reconnecting');
      setTimeout(() => void this.reconnect(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
    if (this.highestSeen === 0) this.highestSeen = await maxLiveEventId(this.db);
  }

  private async reconnect() {
    if (this.stopped) return;
    try {
      await this.connect();
      this.retryMs = 500;
      // What committed while nobody listened.
      const missed = await listLiveEventsAfter(this.db, Math.max(0, this.highestSeen - CATCH_UP_OVERLAP), 5000);
      this.enqueue(missed.map((row) => row.id));
    } catch (error) {
      this.logger.warn({ err: error }, 'live updates: reconnecting failed; trying again');
      setTimeout(() => void this.reconnect(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    }
  }

  private enqueue(ids: number[]) {
    this.announced.push(ids);
  }

  /** Loads a batch of announced rows and hands them over in the order announced (commit order). */
  private async deliver(ids: number[]) {
    const rows = await findLiveEventsByIds(this.db, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of ids) if (id > this.highestSeen) this.highestSeen = id;
    await this.hub.deliver(ids.map((id) => byId.get(id)).filter((row) => row !== undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
    await this.announced.idle();
  }
}

/**
 * Redis pub/sub (`REDIS_URL`, PostgreSQL only): after its commit an instance publishes the rows it
 * wrote, whole, on the deployment's channel; every instance (itself included) hands them straight
 * to its hub, without reading them back from PostgreSQL. Pub/sub delivers at most once: a row
 * published while an instance was disconnected is read from the log when it reconnects, and a row
 * whose publish never happened (the writer died between commit and publish) reaches clients on
 * their next resume, like a row that committed out of order (decision 008).
 */
export class RedisFanOut implements FanOut {
  readonly notifyInTransaction = false;
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private starting: Promise<void> | null = null;
  private highestSeen = 0;
  private readonly received: SerialBatches<LiveEventRow>;

  constructor(
    private readonly url: string,
    /** One channel per database, so deployments (or test databases) sharing a Redis stay apart. */
    private readonly channel: string,
    private readonly db: Db,
    private readonly hub: LiveHub,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.publisher.on('error', (error) => this.logger.warn({ err: error }, 'live updates: Redis (publish) error'));
    this.received = new SerialBatches(async (rows) => {
      for (const row of rows) if (row.id > this.highestSeen) this.highestSeen = row.id;
      await this.hub.deliver(rows);
    }, logger);
  }

  start(): Promise<void> {
    this.starting ??= this.subscribe().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  committed(rows: LiveEventRow[]): void {
    if (rows.length === 0) return;
    const message = JSON.stringify(rows);
    this.publisher.publish(this.channel, message).catch((error: unknown) => this.logger.warn({ err: error }, 'live updates: publishing to Redis failed; clients get these events when they resume'));
  }

  private async subscribe(): Promise<void> {
    const subscriber = new Redis(this.url, { lazyConnect: true });
    let connectedBefore = false;
    subscriber.on('error', (error) => this.logger.warn({ err: error }, 'live updates: Redis (subscribe) error'));
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.enqueue(JSON.parse(message) as LiveEventRow[]);
      } catch (error) {
        this.logger.error({ err: error }, 'live updates: unreadable message on the Redis channel');
      }
    });
    // ioredis reconnects by itself. Once subscribed again (confirmed by Redis, so nothing published
    // from here on is missed), what was published meanwhile is read from the log.
    subscriber.on('ready', () => {
      if (connectedBefore) void this.catchUp(subscriber);
      connectedBefore = true;
    });
    await subscriber.connect();
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
    this.highestSeen = await maxLiveEventId(this.db);
  }

  private async catchUp(subscriber: Redis) {
    try {
      await subscriber.subscribe(this.channel);
      this.enqueue(await listLiveEventsAfter(this.db, Math.max(0, this.highestSeen - CATCH_UP_OVERLAP), 5000));
    } catch (error) {
      this.logger.warn({ err: error }, 'live updates: catching up after a Redis reconnect failed');
    }
  }

  private enqueue(rows: LiveEventRow[]) {
    this.received.push(rows);
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    subscriber?.disconnect();
    this.publisher.disconnect();
    await this.received.idle();
  }
}

/**
 * Hands what arrives to `handle` in arrival order, a batch at a time and one batch at a time, so
 * deliveries never overlap or overtake one another.
 */
class SerialBatches<T> {
  private items: T[] = [];
  private draining = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: (batch: T[]) => Promise<void>,
    private readonly logger: FastifyBaseLogger,
  ) {}

  push(items: T[]): void {
    this.items.push(...items);
    if (this.draining) return;
    this.draining = true;
    this.running = this.running.then(() => this.drain()).catch((error: unknown) => this.logger.error({ err: error }, 'live updates: delivery failed'));
  }

  /** Resolves once everything pushed so far was handled. */
  idle(): Promise<void> {
    return this.running;
  }

  private async drain() {
    try {
      while (this.items.length > 0) await this.handle(this.items.splice(0, BATCH));
    } finally {
      this.draining = false;
    }
  }
}
