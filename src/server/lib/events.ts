import type { Trx } from '../db/database.js';

/**
 * The in-process domain event bus. Other modules (notifications, live updates, webhooks) subscribe
 * without the publisher knowing them, in one of two ways:
 * - `subscribeInTransaction`: runs inside the transaction that records the event, so what it writes
 *   (e.g. the notification outbox) commits or rolls back with the change; a failure fails the change.
 * - `subscribe`: runs after the commit, for work that must never see a rolled-back change.
 */
export interface DomainEvent<T extends string = string, D = Record<string, unknown>> {
  type: T;
  companyId: string;
  jobId?: string;
  /** The timeline entry this event was recorded as, when it has one. */
  timelineEventId?: string;
  actor: Actor;
  data: D;
  occurredAt: string;
}

export interface Actor {
  kind: 'user' | 'contact' | 'integration' | 'system';
  id: string | null;
  name: string;
}

export type EventHandler = (event: DomainEvent) => Promise<void> | void;
export type TransactionalEventHandler = (trx: Trx, event: DomainEvent) => Promise<void>;

export interface Logger {
  error(obj: unknown, msg?: string): void;
}

export class EventBus {
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly transactionalHandlers = new Map<string, TransactionalEventHandler[]>();
  constructor(private readonly logger: Logger) {}

  /** Subscribes to one event type (or '*') inside the transaction that records it. */
  subscribeInTransaction(type: string, handler: TransactionalEventHandler): void {
    this.transactionalHandlers.set(type, [...(this.transactionalHandlers.get(type) ?? []), handler]);
  }

  /** Runs the in-transaction subscribers of an event; called by the service that records it, before commit. */
  async dispatchInTransaction(trx: Trx, event: DomainEvent): Promise<void> {
    for (const handler of [...(this.transactionalHandlers.get(event.type) ?? []), ...(this.transactionalHandlers.get('*') ?? [])]) {
      await handler(trx, event);
    }
  }

  /** Subscribes to one event type, or to every event with '*'. */
  subscribe(type: string, handler: EventHandler): () => void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return () => {
      const current = this.handlers.get(type) ?? [];
      this.handlers.set(type, current.filter((h) => h !== handler));
    };
  }

  /**
   * Runs every handler and waits for them; a failing handler is logged and never fails the
   * publisher, whose change is already committed.
   */
  async publish(events: DomainEvent | DomainEvent[]): Promise<void> {
    for (const event of Array.isArray(events) ? events : [events]) {
      const handlers = [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])];
      for (const handler of handlers) {
        try {
          await handler(event);
        } catch (error) {
          this.logger.error({ err: error, eventType: event.type }, 'event handler failed');
        }
      }
    }
  }
}
