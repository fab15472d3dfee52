import type { AppContext } from '../../context.js';
import { invalidField, notFound } from '../../lib/errors.js';

import { actorOf, type CustomerPrincipal, type PortalPrincipal } from '../accounts/principal.js';
import type { Uploader } from '../attachments/attachments.service.js';
import * as companies from '../companies/companies.repository.js';
import * as customerRepo from '../customers/customers.repository.js';
import { toContactDto, toLocationDto, type LocationInput } from '../customers/customers.service.js';
import type { JobSourcesService } from '../integrations/job-sources.service.js';
import * as jobsRepo from '../jobs/jobs.repository.js';
import type { JobsService, TimeWindow } from '../jobs/jobs.service.js';
import type { Priority } from '../jobs/jobs.table.js';
import type { ServiceCategoriesService } from '../service-categories/service-categories.service.js';
import type { JobStatus } from '../jobs/job-state-machine.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { BookingInput, RangeQuery, SchedulingService } from '../scheduling/scheduling.service.js';
import type { DomainEvent } from '../../lib/events.js';

export interface ServiceRequestInput {
  categoryId: string;
  description: string;
  priority: Priority;
  slaAcknowledged: boolean;
  location: { locationId: string } | LocationInput;
  preferredWindows: TimeWindow[];
  attachmentIds: string[];
  /** Book one of the offered windows with the request (self-scheduling); without it the office schedules. */
  booking?: BookingInput;
}

const OPEN_STATUSES: JobStatus[] = ['created', 'scheduled', 'en_route', 'in_progress', 'paused', 'rescheduled'];

/** The customer's side: their jobs, the job page, service requests and notes. */
export class PortalService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; categories: ServiceCategoriesService; sources: JobSourcesService; tracking: TrackingService; scheduling: SchedulingService },
  ) {}

  /**
   * Whether this principal may see this job: a job link opens its own job; a member sees the jobs
   * they are a contact on; an organisation admin sees every job of the organisation. Anything else
   * is "not found", so nobody learns that another customer's job exists.
   */
  async requireJobAccess(principal: PortalPrincipal, jobId: string) {
    const job = await jobsRepo.findJob(this.ctx.db, principal.companyId, jobId);
    const allowed =
      job !== undefined &&
      (principal.role === 'job_link'
        ? principal.jobId === jobId
        : principal.role === 'customer_admin'
          ? job.customer_id === principal.customerId
          : await jobsRepo.isContactOnJob(this.ctx.db, principal.companyId, jobId, principal.contactId));
    if (!allowed) throw notFound('JOB_NOT_FOUND', 'No such job.');
    return job;
  }

  async jobView(principal: PortalPrincipal, jobId: string) {
    await this.requireJobAccess(principal, jobId);
    return this.customerJob(principal.companyId, jobId);
  }

  /** The job page, with the technician's position only while they drive to this job's visit, and what the customer may book, move or cancel. */
  private async customerJob(companyId: string, jobId: string) {
    const [job, tracking] = await Promise.all([this.deps.jobs.customerView(companyId, jobId), this.deps.tracking.customerTracking(companyId, jobId)]);
    const selfScheduling = await this.deps.scheduling.selfService(companyId, { status: job.status, windowStart: job.appointment?.status === 'scheduled' ? job.appointment.windowStart : null });
    return { ...job, tracking, selfScheduling };
  }

  // ---------------------------------------------------------------- self-scheduling

  /** Bookable windows for a request the customer is about to file. */
  availabilityForRequest(principal: CustomerPrincipal, query: RangeQuery & { categoryId: string; locationId: string }) {
    return this.deps.scheduling.customerAvailabilityForRequest(principal, query);
  }

  /** Bookable windows for one of the customer's jobs: to book it, or to move its visit. */
  async availabilityForJob(principal: PortalPrincipal, jobId: string, query: RangeQuery) {
    const job = await this.requireJobAccess(principal, jobId);
    return this.deps.scheduling.customerAvailabilityForJob(principal, job, query);
  }

  async bookJob(principal: PortalPrincipal, jobId: string, input: BookingInput) {
    const job = await this.requireJobAccess(principal, jobId);
    await this.deps.scheduling.bookJob(principal, job, input);
    return this.customerJob(principal.companyId, jobId);
  }

  async rescheduleJob(principal: PortalPrincipal, jobId: string, input: BookingInput & { reason?: string }) {
    const job = await this.requireJobAccess(principal, jobId);
    await this.deps.scheduling.rescheduleJob(principal, job, input);
    return this.customerJob(principal.companyId, jobId);
  }

  async cancelJob(principal: PortalPrincipal, jobId: string, input: { reason?: string }) {
    const job = await this.requireJobAccess(principal, jobId);
    await this.deps.scheduling.cancelJob(principal, job, input);
    return this.customerJob(principal.companyId, jobId);
  }

  async addNote(principal: PortalPrincipal, jobId: string, input: { text: string; attachmentIds: string[] }) {
    await this.requireJobAccess(principal, jobId);
    await this.deps.jobs.addNote(principal, jobId, { ...input, visibility: 'customer' }, uploaderOf(principal));
    return this.customerJob(principal.companyId, jobId);
  }

  /** Files of internal notes stay internal even when someone guesses their id. */
  async requireCustomerVisibleAttachment(principal: PortalPrincipal, jobId: string, jobEventId: string | null) {
    const event = jobEventId
      ? await this.ctx.db.selectFrom('job_events').select('visibility').where('company_id', '=', principal.companyId).where('job_id', '=', jobId).where('id', '=', jobEventId).executeTakeFirst()
      : undefined;
    if (event?.visibility !== 'customer') throw notFound('ATTACHMENT_NOT_FOUND', 'No such file on this job.');
  }

  async me(principal: CustomerPrincipal) {
    const [company, customer, contact, locations] = await Promise.all([
      companies.findCompany(this.ctx.db, principal.companyId),
      customerRepo.findCustomer(this.ctx.db, principal.companyId, principal.customerId),
      customerRepo.findContact(this.ctx.db, principal.companyId, principal.contactId),
      customerRepo.listLocations(this.ctx.db, principal.companyId, principal.customerId),
    ]);
    return {
      contact: toContactDto(contact!),
      customer: { id: customer!.id, name: customer!.name, kind: customer!.kind },
      company: { name: company!.name, slug: company!.slug, logoUrl: company!.logo_url, brandColor: company!.brand_color, phone: company!.phone, timezone: company!.timezone, locale: company!.locale },
      locations: locations.map(toLocationDto),
    };
  }

  /** Service categories with the response time each priority promises, for the request form. */
  async catalogue(principal: CustomerPrincipal) {
    const categories = await this.deps.categories.list(principal.companyId, { activeOnly: true });
    return categories.map((c) => ({ id: c.id, name: c.name, description: c.description, slaMinutes: c.slaMinutes }));
  }

  /** "My jobs": open ones first, then past ones; an organisation admin sees the whole organisation's. */
  async myJobs(principal: CustomerPrincipal, options: { open?: boolean; limit: number; after?: { createdAt: string; id: string } }) {
    const filter: jobsRepo.JobListFilter = {
      customerId: principal.customerId,
      ...(principal.role === 'customer_member' ? { contactId: principal.contactId } : {}),
      ...(options.open === true ? { statuses: OPEN_STATUSES } : options.open === false ? { statuses: ['completed', 'cancelled'] } : {}),
      limit: options.limit,
      ...(options.after ? { after: options.after } : {}),
    };
    const page = await this.deps.jobs.list(principal.companyId, filter);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((j) => ({
        id: j.id,
        reference: j.reference,
        status: j.status,
        category: j.category.name,
        description: j.description,
        address: j.address,
        appointment: j.appointment ? { windowStart: j.appointment.windowStart, windowEnd: j.appointment.windowEnd, technicianName: j.appointment.technician?.name ?? null } : null,
        createdAt: j.createdAt,
      })),
    };
  }

  /** A customer's service request: validated, turned into a job, answered with its reference and what happens next. */
  async submitRequest(principal: CustomerPrincipal, input: ServiceRequestInput) {
    if (!input.slaAcknowledged) throw invalidField('slaAcknowledged', 'must be true: please confirm you have read the response time for this priority');
    const category = await this.deps.categories.find(principal.companyId, input.categoryId);
    if (!category || !category.active) throw invalidField('categoryId', 'is not a service we offer');
    const source = await this.deps.sources.requireByKind(principal.companyId, 'portal');
    const { scheduling } = this.deps;
    const window = input.booking ? await scheduling.checkRequestedWindow(principal.companyId, input.booking.windowStart) : undefined;
    const file = () => this.ctx.db.transaction().execute(async (trx) => {
      const locationId = await this.deps.jobs.resolveLocation(trx, principal.companyId, principal.customerId, input.location, 'location');
      const created = await this.deps.jobs.createInTransaction(trx, principal.companyId, actorOf(principal), {
        customerId: principal.customerId,
        locationId,
        categoryId: input.categoryId,
        sourceId: source.id,
        priority: input.priority,
        description: input.description,
        contactIds: [principal.contactId],
        notificationsEnabled: true,
        preferredWindows: input.preferredWindows,
        slaAcknowledged: true,
        attachmentIds: input.attachmentIds,
        uploader: uploaderOf(principal),
      });
      if (!window) return { ...created, booked: null };
      // The request and its booking commit together: a lost race files nothing, and the customer picks again.
      const booked = { windowStart: new Date(window.start).toISOString(), windowEnd: new Date(window.end).toISOString() };
      const scheduled: DomainEvent[] = await this.deps.jobs.scheduleInTransaction(trx, actorOf(principal), created.job, booked, scheduling.placementFor(principal.companyId, window, input.booking?.technicianId));
      return { job: { ...created.job, status: 'scheduled' as const }, events: [...created.events, ...scheduled], booked };
    });
    const { job, events, booked } = window
      ? await scheduling.withAlternatives(principal.companyId, async () => ({ visit: await scheduling.visitContextForRequest(principal.companyId, input.categoryId, input.location), excludeVisitId: null }), window, file)
      : await file();
    await this.ctx.bus.publish(events);
    const slaMinutes = category.slaMinutes[input.priority];
    return {
      job: { id: job.id, reference: job.reference, status: job.status, createdAt: job.created_at },
      sla: { priority: input.priority, minutes: slaMinutes, dueAt: job.sla_due_at },
      appointment: booked,
      nextSteps: [
        `Your request ${job.reference} is in. Keep this reference for any question about it.`,
        booked ? 'Your visit is booked in the arrival window you chose; you can move or cancel it from the job page.' : `We will confirm an arrival window ${describeSla(slaMinutes)}.`,
        'You can add notes or photos from the job page at any time before the visit.',
        'You will be notified when the visit is scheduled and when your technician is on the way.',
      ],
    };
  }
}

export function uploaderOf(principal: PortalPrincipal): Uploader {
  return { kind: 'contact', id: principal.contactId };
}

function describeSla(minutes: number): string {
  if (minutes < 60) return `within ${minutes} minutes`;
  if (minutes < 48 * 60) return `within ${Math.round(minutes / 60)} hours`;
  return `within ${Math.round(minutes / (24 * 60))} days`;
}

