import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../lib/errors.js';
import { sha256 } from '../../lib/tokens.js';
import { actorOf, type IntegrationPrincipal } from '../accounts/principal.js';
import * as customerRepo from '../customers/customers.repository.js';
import type { CustomersService, LocationInput } from '../customers/customers.service.js';
import type { JobsService, TimeWindow } from '../jobs/jobs.service.js';
import type { Priority } from '../jobs/jobs.table.js';
import type { CustomerKind } from '../customers/customers.table.js';

export interface IntakeJobInput {
  externalRef?: string;
  categoryId: string;
  priority: Priority;
  description: string;
  customer: { name: string; kind?: CustomerKind; contact: { name: string; email?: string; phone?: string; language?: string } };
  location: LocationInput;
  preferredWindows?: TimeWindow[];
  notificationsEnabled?: boolean;
}

export interface IntakeResult {
  status: number;
  body: { id: string; reference: string; status: string; externalRef: string | null; createdAt: string };
  /** True when this answer repeats the stored one for the same Idempotency-Key. */
  replayed: boolean;
}

/**
 * Jobs from third-party sources. With an Idempotency-Key the first answer is stored with the job,
 * in the same transaction, and every retry with that key gets the same answer and no new job.
 */
export class IntakeService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; customers: CustomersService },
  ) {}

  async createJob(principal: IntegrationPrincipal, input: IntakeJobInput, idempotencyKey: string | undefined): Promise<IntakeResult> {
    const requestHash = sha256(JSON.stringify(input));
    if (idempotencyKey) {
      const replay = await this.replay(principal, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    try {
      const { result, events } = await this.ctx.db.transaction().execute(async (trx) => {
        const customerId = await this.findOrCreateCustomer(trx, principal.companyId, input);
        const contact = input.customer.contact.email ? await customerRepo.findContactByEmail(trx, principal.companyId, input.customer.contact.email) : undefined;
        const contactId = contact?.id ?? (await customerRepo.listContacts(trx, principal.companyId, customerId))[0]?.id;
        const locationId = await this.deps.jobs.resolveLocation(trx, principal.companyId, customerId, input.location, 'location');
        const { job, events } = await this.deps.jobs.createInTransaction(trx, principal.companyId, actorOf(principal), {
          customerId,
          locationId,
          categoryId: input.categoryId,
          sourceId: principal.sourceId,
          priority: input.priority,
          description: input.description,
          contactIds: contactId ? [contactId] : [],
          notificationsEnabled: input.notificationsEnabled ?? true,
          preferredWindows: input.preferredWindows ?? [],
          externalRef: input.externalRef ?? null,
        });
        const result: IntakeResult = {
          status: 201,
          body: { id: job.id, reference: job.reference, status: job.status, externalRef: job.external_ref, createdAt: job.created_at },
          replayed: false,
        };
        if (idempotencyKey) {
          await trx
            .insertInto('idempotency_keys')
            .values({
              source_id: principal.sourceId,
              key: idempotencyKey,
              company_id: principal.companyId,
              request_hash: requestHash,
              response_status: result.status,
              response_body: JSON.stringify(result.body),
              created_at: this.ctx.clock.now().toISOString(),
            })
            .execute();
        }
        return { result, events };
      });
      await this.ctx.bus.publish(events);
      return result;
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (idempotencyKey && !(error instanceof AppError)) {
        const replay = await this.replay(principal, idempotencyKey, requestHash);
        if (replay) return replay;
      }
      throw error;
    }
  }

  private async replay(principal: IntegrationPrincipal, key: string, requestHash: string): Promise<IntakeResult | undefined> {
    const stored = await this.ctx.db.selectFrom('idempotency_keys').selectAll().where('source_id', '=', principal.sourceId).where('key', '=', key).executeTakeFirst();
    if (!stored) return undefined;
    if (stored.request_hash !== requestHash) {
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
    }
    return { status: stored.response_status, body: JSON.parse(stored.response_body) as IntakeResult['body'], replayed: true };
  }

  private async findOrCreateCustomer(trx: Parameters<JobsService['createInTransaction']>[0], companyId: string, input: IntakeJobInput): Promise<string> {
    const { contact } = input.customer;
    if (contact.email) {
      const existing = await customerRepo.findContactByEmail(trx, companyId, contact.email);
      if (existing) return existing.customer_id;
    }
    const customerId = await this.deps.customers.insertCustomer(trx, companyId, input.customer.kind ?? 'household', input.customer.name);
    await this.deps.customers.insertContact(trx, companyId, customerId, { ...contact, role: 'admin' }, 'customer.contact.email');
    return customerId;
  }

  /** A job this source sent, and nothing else. */
  async status(principal: IntegrationPrincipal, jobId: string) {
    const job = await this.ctx.db
      .selectFrom('jobs')
      .select(['id', 'reference', 'status', 'external_ref', 'created_at', 'updated_at', 'source_id'])
      .where('company_id', '=', principal.companyId)
      .where('id', '=', jobId)
      .executeTakeFirst();
    if (!job || job.source_id !== principal.sourceId) throw notFound('JOB_NOT_FOUND', 'No such job.');
    return { id: job.id, reference: job.reference, status: job.status, externalRef: job.external_ref, createdAt: job.created_at, updatedAt: job.updated_at };
  }
}
