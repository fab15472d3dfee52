import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { MINUTE, isoAfter } from '../../lib/clock.js';
import { actorOf, type ActorRef, type Principal, type StaffPrincipal } from '../accounts/principal.js';
import { toAttachmentDto, type AttachmentDto, type AttachmentsService, type Uploader } from '../attachments/attachments.service.js';
import * as companies from '../companies/companies.repository.js';
import * as customerRepo from '../customers/customers.repository.js';
import { formatAddress, toLocationDto, type CustomersService, type LocationInput } from '../customers/customers.service.js';
import type { ServiceCategoriesService } from '../service-categories/service-categories.service.js';
import { customerCard, type TechniciansService } from '../technicians/technicians.service.js';
import { assertTransition, availableActions, isTerminal, SLA_RUNNING_STATUSES, TRAVELLING_STATUSES, type JobAction, type JobStatus } from './job-state-machine.js';
import { findVisitConflicts } from '../scheduling/technician-calendars.js';
import * as repo from './jobs.repository.js';
import type { AppointmentRow, JobRow, Priority, TimelineVisibility } from './jobs.table.js';

export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'emergency'];
export const MAX_PREFERRED_WINDOWS = 5;

export interface TimeWindow {
  start: string;
  end: string;
}

export interface ScheduleInput {
  /** Required unless the placement chooses the technician. */
  technicianId?: string;
  windowStart: string;
  windowEnd: string;
}

export interface NewJobInput {
  customerId: string;
  locationId: string;
  categoryId: string;
  sourceId: string;
  priority: Priority;
  description: string;
  contactIds: string[];
  notificationsEnabled: boolean;
  preferredWindows: TimeWindow[];
  externalRef?: string | null;
  slaAcknowledged?: boolean;
  attachmentIds?: string[];
  uploader?: Uploader;
}

/**
 * How a visit's technician is settled when it is booked or moved. Without options the caller's
 * technician is taken as given: seeding and imports place visits as they happened.
 */
export interface VisitPlacement {
  /** Refuse (409 TECHNICIAN_BUSY) a technician whose other visits leave no room; the console asks for it unless the dispatcher overrides. */
  rejectOverlap?: boolean;
  /**
   * Self-scheduling: runs inside the change's transaction once the job is locked, checks the
   * booking rules, locks and re-checks the technicians, and answers who takes the visit (or throws).
   */
  chooseTechnician?: (trx: Trx, job: JobRow, current: AppointmentRow | undefined) => Promise<string | TechnicianChoice>;
}

/** A technician chosen for a visit with how they were chosen (dispatch rules): shown to the dispatcher, kept on the visit. */
export interface TechnicianChoice {
  technicianId: string;
  assignment: { method: 'auto' | 'customer'; reason: string };
}

/** What a visit records about who chose its technician: the rules or the customer with their reason, or the person who placed it. */
function assignmentColumns(choice: TechnicianChoice | null, actor: ActorRef) {
  if (choice) return { assignment_method: choice.assignment.method, assignment_reason: choice.assignment.reason, assigned_by: null };
  return { assignment_method: 'manual' as const, assignment_reason: null, assigned_by: actor.kind === 'user' ? actor.id : null };
}

const asChoice = (chosen: string | TechnicianChoice): TechnicianChoice | null => (typeof chosen === 'string' ? null : chosen);

/** Someone replacing a technician the rules or the customer chose overrides them: the timeline keeps what was overridden (staff only). */
function overrideEntries(previous: AppointmentRow, appointmentId: string, technician: { id: string; name: string }): TimelineEntry[] {
  if (previous.assignment_method !== 'auto' && previous.assignment_method !== 'customer') return [];
  return [
    {
      type: 'job.assignment_overridden',
      visibility: 'staff',
      data: { appointmentId, technicianId: technician.id, technicianName: technician.name, previousTechnicianId: previous.technician_id, previousMethod: previous.assignment_method, previousReason: previous.assignment_reason ?? null },
    },
  ];
}

/** What a timeline entry will record; `record` turns it into a row and a domain event. */
interface TimelineEntry {
  type: string;
  visibility: TimelineVisibility;
  data: Record<string, unknown>;
  attachmentIds?: string[];
}

export interface TimelineEntryDto {
  id: string;
  type: string;
  at: string;
  visibility: TimelineVisibility;
  actor: { kind: ActorRef['kind']; name: string };
  data: Record<string, unknown>;
  attachments: AttachmentDto[];
}

/**
 * The job's life: creation from any source, scheduling, the technician's steps, notes and
 * cancellation. Every change runs in one transaction that moves the state machine, appends to the
 * timeline, and — once committed — publishes the domain events.
 */
export class JobsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: {
      attachments: AttachmentsService;
      customers: CustomersService;
      categories: ServiceCategoriesService;
      technicians: TechniciansService;
    },
  ) {}

  private now() {
    return this.ctx.clock.now();
  }

  // ---------------------------------------------------------------- creation

  /** Creates a job inside the caller's transaction and returns the events to publish after commit. */
  async createInTransaction(trx: Trx, companyId: string, actor: ActorRef, input: NewJobInput): Promise<{ job: JobRow; events: DomainEvent[] }> {
    const category = await this.deps.categories.find(companyId, input.categoryId, trx);
    if (!category || !category.active) throw invalidField('categoryId', 'is not a service category of this company');
    const location = await customerRepo.findLocation(trx, companyId, input.locationId);
    if (!location || location.customer_id !== input.customerId) throw invalidField('locationId', "is not one of this customer's locations");
    this.checkWindows(input.preferredWindows, 'preferredWindows');
    for (const [index, contactId] of input.contactIds.entries()) {
      const contact = await customerRepo.findContact(trx, companyId, contactId);
      if (!contact || contact.customer_id !== input.customerId) throw invalidField(`contactIds[${index}]`, "is not one of this customer's contacts");
    }

    const company = await companies.findCompany(trx, companyId);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    const now = this.now();
    const year = String(now.getUTCFullYear()).slice(-2);
    const sequence = await companies.nextCounterValue(trx, companyId, `job-reference-${year}`);
    const slaMinutes = category.slaMinutes[input.priority];
    const job: JobRow = {
      id: newId(),
      company_id: companyId,
      reference: `${company.reference_prefix}-${year}-${String(sequence).padStart(5, '0')}`,
      customer_id: input.customerId,
      location_id: input.locationId,
      category_id: input.categoryId,
      source_id: input.sourceId,
      external_ref: input.externalRef ?? null,
      priority: input.priority,
      description: input.description,
      status: 'created',
      notifications_enabled: input.notificationsEnabled ? 1 : 0,
      preferred_windows: JSON.stringify(input.preferredWindows),
      sla_due_at: slaMinutes ? isoAfter(now, slaMinutes * MINUTE) : null,
      sla_acknowledged_at: input.slaAcknowledged ? now.toISOString() : null,
      current_appointment_id: null,
      cancel_reason: null,
      service_plan_id: null,
      closed_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await repo.insertJob(trx, job);
    for (const contactId of new Set(input.contactIds)) {
      await repo.addJobContact(trx, { job_id: job.id, contact_id: contactId, company_id: companyId, notify: 1, created_at: now.toISOString() });
    }
    const event = await this.record(trx, job, actor, {
      type: 'job.created',
      visibility: 'customer',
      data: { reference: job.reference, priority: job.priority, category: category.name, description: job.description, slaDueAt: job.sla_due_at },
      attachmentIds: input.attachmentIds,
    });
    if (input.attachmentIds?.length && input.uploader) {
      await this.deps.attachments.claim(trx, companyId, input.uploader, input.attachmentIds, job.id, event.timelineEventId!);
    }
    return { job, events: [event] };
  }

  async create(principal: Principal & { companyId: string }, input: NewJobInput) {
    const { job, events } = await this.ctx.db.transaction().execute((trx) => this.createInTransaction(trx, principal.companyId, actorOf(principal), input));
    await this.ctx.bus.publish(events);
    return this.staffView(principal.companyId, job.id);
  }

  /** The address for a new job: an existing location of the customer, or a new one. */
  async resolveLocation(trx: Trx, companyId: string, customerId: string, location: { locationId: string } | LocationInput, field: string): Promise<string> {
    if ('locationId' in location) {
      const existing = await customerRepo.findLocation(trx, companyId, location.locationId);
      if (!existing || existing.customer_id !== customerId) throw invalidField(`${field}.locationId`, 'is not one of your saved addresses');
      return existing.id;
    }
    const match = await customerRepo.findMatchingLocation(trx, companyId, customerId, location.line1, location.postalCode);
    return match?.id ?? this.deps.customers.insertLocation(trx, companyId, customerId, location);
  }

  // ---------------------------------------------------------------- dispatcher actions

  async update(principal: Principal & { companyId: string }, jobId: string, input: { priority?: Priority; categoryId?: string; description?: string; notificationsEnabled?: boolean }) {
    await this.change(principal, jobId, async (trx, job) => {
      if (isTerminal(job.status)) throw conflict('JOB_CLOSED', `The job is ${job.status} and can no longer be changed.`, { currentStatus: job.status });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const patch: Partial<JobRow> = {};
      if (input.priority !== undefined && input.priority !== job.priority) {
        changes.priority = { from: job.priority, to: input.priority };
        patch.priority = input.priority;
      }
      if (input.categoryId !== undefined && input.categoryId !== job.category_id) {
        const category = await this.deps.categories.find(job.company_id, input.categoryId, trx);
        if (!category || !category.active) throw invalidField('categoryId', 'is not a service category of this company');
        changes.category = { from: job.category_id, to: category.name };
        patch.category_id = input.categoryId;
      }
      if (input.description !== undefined && input.description !== job.description) {
        changes.description = { from: job.description, to: input.description };
        patch.description = input.description;
      }
      if (input.notificationsEnabled !== undefined && (job.notifications_enabled === 1) !== input.notificationsEnabled) {
        changes.notificationsEnabled = { from: job.notifications_enabled === 1, to: input.notificationsEnabled };
        patch.notifications_enabled = input.notificationsEnabled ? 1 : 0;
      }
      if (Object.keys(changes).length === 0) return [];
      await repo.updateJob(trx, job.company_id, job.id, { ...patch, updated_at: this.now().toISOString() });
      return [{ type: 'job.updated', visibility: 'staff', data: { changes } }];
    });
    return this.staffView(principal.companyId, jobId);
  }

  async schedule(principal: Principal & { companyId: string }, jobId: string, input: ScheduleInput, placement: VisitPlacement = {}) {
    await this.change(principal, jobId, (trx, job) => this.scheduleEntries(trx, job, input, placement, actorOf(principal)));
    return this.staffView(principal.companyId, jobId);
  }

  /** Books the first visit of a job made in the same transaction (a request filed with a booking); returns the events to publish after commit. */
  async scheduleInTransaction(trx: Trx, actor: ActorRef, job: JobRow, input: ScheduleInput, placement: VisitPlacement = {}): Promise<DomainEvent[]> {
    const events: DomainEvent[] = [];
    for (const entry of await this.scheduleEntries(trx, job, input, placement, actor)) events.push(await this.record(trx, job, actor, entry));
    return events;
  }

  private async scheduleEntries(trx: Trx, job: JobRow, input: ScheduleInput, placement: VisitPlacement, actor: ActorRef): Promise<TimelineEntry[]> {
    const status = assertTransition(job.status, 'schedule');
    this.checkWindows([{ start: input.windowStart, end: input.windowEnd }], 'window', { startField: 'windowStart', endField: 'windowEnd' });
    const chosen = placement.chooseTechnician ? await placement.chooseTechnician(trx, job, undefined) : input.technicianId;
    const choice = chosen === undefined ? null : asChoice(chosen);
    const technicianId = choice ? choice.technicianId : (chosen as string | undefined);
    if (!technicianId) throw invalidField('technicianId', 'is required');
    const technician = await this.requireTechnician(trx, job.company_id, technicianId);
    if (placement.rejectOverlap) await this.assertTechnicianFree(trx, job, technician.id, input, null);
    const appointmentId = await this.addVisit(trx, job, technician.id, input.windowStart, input.windowEnd, assignmentColumns(choice, actor));
    await this.moveTo(trx, job, status, { current_appointment_id: appointmentId });
    return [
      {
        type: 'job.scheduled',
        visibility: 'customer',
        data: {
          appointmentId,
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
          technicianId: technician.id,
          technicianName: technician.name,
          visitNumber: 1,
          ...(choice && { assignment: choice.assignment }),
        },
      },
    ];
  }

  /**
   * Moves the visit to a new window (and optionally another technician). From a paused job this
   * books the follow-up visit; the interrupted visit stays in the job's history.
   */
  async reschedule(
    principal: Principal & { companyId: string },
    jobId: string,
    input: { windowStart: string; windowEnd: string; technicianId?: string; reason?: string },
    placement: VisitPlacement = {},
  ) {
    await this.change(principal, jobId, async (trx, job) => {
      const status = assertTransition(job.status, 'reschedule');
      this.checkWindows([{ start: input.windowStart, end: input.windowEnd }], 'window', { startField: 'windowStart', endField: 'windowEnd' });
      const current = job.current_appointment_id ? await repo.findAppointment(trx, job.company_id, job.current_appointment_id) : undefined;
      if (!current) throw conflict('NO_APPOINTMENT', 'The job has no visit to reschedule.');
      const chosen = placement.chooseTechnician ? await placement.chooseTechnician(trx, job, current) : (input.technicianId ?? current.technician_id);
      const choice = chosen === null ? null : asChoice(chosen);
      const technicianId = choice ? choice.technicianId : (chosen as string | null);
      if (!technicianId) throw invalidField('technicianId', 'is required: the visit has no technician');
      // A visit that keeps its technician keeps how they were assigned.
      const assignment = technicianId === current.technician_id ? {} : assignmentColumns(choice, actorOf(principal));
      const technician = await this.requireTechnician(trx, job.company_id, technicianId);
      // The visit being moved no longer holds its old place.
      if (placement.rejectOverlap) await this.assertTechnicianFree(trx, job, technician.id, input, current.id);
      const now = this.now().toISOString();
      let appointmentId = current.id;
      let visitNumber = current.visit_number;
      if (job.status === 'paused') {
        await repo.updateAppointment(trx, current.id, { status: 'interrupted', updated_at: now });
        appointmentId = await this.addVisit(trx, job, technician.id, input.windowStart, input.windowEnd, {
          assignment_method: current.assignment_method ?? null,
          assignment_reason: current.assignment_reason ?? null,
          assigned_by: current.assigned_by ?? null,
          ...assignment,
        });
        visitNumber = current.visit_number + 1;
      } else {
        await repo.updateAppointment(trx, current.id, {
          window_start: input.windowStart,
          window_end: input.windowEnd,
          technician_id: technician.id,
          status: 'scheduled',
          en_route_at: null,
          updated_at: now,
          ...assignment,
        });
      }
      await this.moveTo(trx, job, status, { current_appointment_id: appointmentId });
      return [
        {
          type: 'job.rescheduled',
          visibility: 'customer',
          data: {
            appointmentId,
            visitNumber,
            windowStart: input.windowStart,
            windowEnd: input.windowEnd,
            previousWindowStart: current.window_start,
            previousWindowEnd: current.window_end,
            technicianId: technician.id,
            technicianName: technician.name,
            followUp: job.status === 'paused',
            ...(input.reason ? { reason: input.reason } : {}),
          },
        },
        ...(!choice && technicianId !== current.technician_id ? overrideEntries(current, appointmentId, technician) : []),
      ];
    });
    return this.staffView(principal.companyId, jobId);
  }

  async reassign(principal: Principal & { companyId: string }, jobId: string, input: { technicianId: string }, placement: Pick<VisitPlacement, 'rejectOverlap'> = {}) {
    await this.change(principal, jobId, async (trx, job) => {
      assertTransition(job.status, 'reassign');
      const current = job.current_appointment_id ? await repo.findAppointment(trx, job.company_id, job.current_appointment_id) : undefined;
      if (!current) throw conflict('NO_APPOINTMENT', 'The job has no visit to reassign.');
      if (current.technician_id === input.technicianId) return [];
      const technician = await this.requireTechnician(trx, job.company_id, input.technicianId);
      if (placement.rejectOverlap) await this.assertTechnicianFree(trx, job, technician.id, { windowStart: current.window_start, windowEnd: current.window_end }, current.id);
      await repo.updateAppointment(trx, current.id, { technician_id: technician.id, updated_at: this.now().toISOString(), ...assignmentColumns(null, actorOf(principal)) });
      await repo.updateJob(trx, job.company_id, job.id, { updated_at: this.now().toISOString() });
      return [
        {
          type: 'job.technician_assigned',
          visibility: 'customer',
          data: { appointmentId: current.id, technicianId: technician.id, technicianName: technician.name, previousTechnicianId: current.technician_id },
        },
        ...overrideEntries(current, current.id, technician),
      ];
    });
    return this.staffView(principal.companyId, jobId);
  }

  /** `check` runs inside the transaction once the job is locked: the portal's cancellation cut-off. */
  async cancel(principal: Principal & { companyId: string }, jobId: string, input: { reason: string }, check?: (trx: Trx, job: JobRow, current: AppointmentRow | undefined) => Promise<void>) {
    await this.change(principal, jobId, async (trx, job) => {
      const status = assertTransition(job.status, 'cancel');
      if (check) await check(trx, job, job.current_appointment_id ? await repo.findAppointment(trx, job.company_id, job.current_appointment_id) : undefined);
      const now = this.now().toISOString();
      if (job.current_appointment_id) await repo.updateAppointment(trx, job.current_appointment_id, { status: 'cancelled', updated_at: now });
      await this.moveTo(trx, job, status, { cancel_reason: input.reason, closed_at: now });
      return [{ type: 'job.cancelled', visibility: 'customer', data: { reason: input.reason } }];
    });
    return this.staffView(principal.companyId, jobId);
  }

  async addContact(principal: Principal & { companyId: string }, jobId: string, input: { contactId: string; notify: boolean }) {
    await this.change(principal, jobId, async (trx, job) => {
      const contact = await customerRepo.findContact(trx, job.company_id, input.contactId);
      if (!contact || contact.customer_id !== job.customer_id) throw invalidField('contactId', "is not one of this customer's contacts");
      await repo.addJobContact(trx, { job_id: job.id, contact_id: contact.id, company_id: job.company_id, notify: input.notify ? 1 : 0, created_at: this.now().toISOString() });
      return [{ type: 'job.contact_added', visibility: 'staff', data: { contactId: contact.id, contactName: contact.name, notify: input.notify } }];
    });
    return this.staffView(principal.companyId, jobId);
  }

  /**
   * A note (with photos or documents) on the timeline. Customers' notes are visible to them and to
   * staff; staff choose whether the customer sees theirs.
   */
  async addNote(principal: Principal & { companyId: string }, jobId: string, input: { text: string; attachmentIds: string[]; visibility: TimelineVisibility }, uploader: Uploader) {
    if (!input.text.trim() && input.attachmentIds.length === 0) throw invalidField('text', 'is required when no photo is attached');
    const fromCustomer = uploader.kind === 'contact';
    await this.change(principal, jobId, async (_trx, job) => {
      if (isTerminal(job.status)) throw conflict('JOB_CLOSED', `The job is ${job.status}; notes can no longer be added.`, { currentStatus: job.status });
      return [
        {
          type: 'job.note_added',
          visibility: input.visibility,
          data: { text: input.text, fromCustomer, attachmentCount: input.attachmentIds.length },
          attachmentIds: input.attachmentIds,
        },
      ];
    }, uploader);
  }

  // ---------------------------------------------------------------- technician steps

  /** A technician's step on one of their own visits; anything else is 404. */
  async technicianStep(
    principal: StaffPrincipal,
    appointmentId: string,
    action: Extract<JobAction, 'set_out' | 'start' | 'pause' | 'resume' | 'complete'>,
    input: { message?: string; notes?: string; attachmentIds?: string[] } = {},
  ) {
    const appointment = await repo.findAppointment(this.ctx.db, principal.companyId, appointmentId);
    if (!appointment || appointment.technician_id !== principal.userId) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment of yours.');
    await this.change(
      principal,
      appointment.job_id,
      async (trx, job) => {
        if (job.current_appointment_id !== appointment.id) throw conflict('APPOINTMENT_NOT_CURRENT', 'This visit is no longer the current visit of its job.', { currentStatus: job.status });
        const status = assertTransition(job.status, action);
        const now = this.now().toISOString();
        const visit = { appointmentId: appointment.id, visitNumber: appointment.visit_number, technicianName: principal.name };
        switch (action) {
          case 'set_out':
            await repo.updateAppointment(trx, appointment.id, { status: 'en_route', en_route_at: now, updated_at: now });
            await this.moveTo(trx, job, status);
            return [{ type: 'job.en_route', visibility: 'customer', data: visit }];
          case 'start':
            await repo.updateAppointment(trx, appointment.id, { status: 'in_progress', started_at: appointment.started_at ?? now, updated_at: now });
            await this.moveTo(trx, job, status);
            return [{ type: 'job.started', visibility: 'customer', data: visit }];
          case 'pause':
            await repo.updateAppointment(trx, appointment.id, { status: 'paused', updated_at: now });
            await this.moveTo(trx, job, status);
            return [{ type: 'job.paused', visibility: 'customer', data: { ...visit, message: input.message ?? '' } }];
          case 'resume':
            await repo.updateAppointment(trx, appointment.id, { status: 'in_progress', updated_at: now });
            await this.moveTo(trx, job, status);
            return [{ type: 'job.resumed', visibility: 'customer', data: visit }];
          case 'complete':
            await repo.updateAppointment(trx, appointment.id, { status: 'completed', completed_at: now, updated_at: now });
            await this.moveTo(trx, job, status, { closed_at: now });
            return [
              {
                type: 'job.completed',
                visibility: 'customer',
                data: { ...visit, notes: input.notes ?? '', attachmentCount: input.attachmentIds?.length ?? 0 },
                attachmentIds: input.attachmentIds ?? [],
              },
            ];
        }
      },
      { kind: 'user', id: principal.userId },
    );
    return this.technicianAppointment(principal.companyId, principal.userId, appointmentId);
  }

  /**
   * "Running late": the ETA of the trip under way passed the end of the arrival window. Recorded by
   * the tracking module inside its own transaction, which also makes sure it happens once per trip;
   * returns the event to publish after the commit, or null when the job is no longer on its way to
   * this visit. The status does not change.
   */
  async recordRunningLate(trx: Trx, companyId: string, appointmentId: string, actor: ActorRef, input: { etaAt: string }): Promise<DomainEvent | null> {
    const appointment = await repo.findAppointment(trx, companyId, appointmentId);
    const job = appointment && (await repo.findJobForChange(trx, this.ctx.dbKind, companyId, appointment.job_id));
    if (!appointment || !job || job.current_appointment_id !== appointment.id || !TRAVELLING_STATUSES.includes(job.status)) return null;
    await repo.updateJob(trx, companyId, job.id, { updated_at: this.now().toISOString() });
    return this.record(trx, job, actor, {
      type: 'job.running_late',
      visibility: 'customer',
      data: {
        appointmentId: appointment.id,
        visitNumber: appointment.visit_number,
        etaAt: input.etaAt,
        windowStart: appointment.window_start,
        windowEnd: appointment.window_end,
        technicianName: actor.name,
      },
    });
  }

  async technicianAppointments(companyId: string, technicianId: string, from: string, to: string) {
    const rows = await repo.listTechnicianAppointments(this.ctx.db, companyId, technicianId, from, to);
    const jobIds = [...new Set(rows.map((r) => r.job_id))];
    const [notes, contactsByJob] = await Promise.all([this.jobNotesForTechnician(companyId, jobIds), this.jobContactsForTechnician(companyId, jobIds)]);
    return rows.map((r) => ({
      id: r.id,
      jobId: r.job_id,
      reference: r.reference,
      jobStatus: r.job_status,
      status: r.status,
      visitNumber: r.visit_number,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      priority: r.priority,
      category: r.category_name,
      description: r.description,
      customerName: r.customer_name,
      address: formatAddress(r),
      lat: r.lat,
      lng: r.lng,
      accessNotes: r.access_notes,
      mapsUrl: `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(r.lat != null && r.lng != null ? `${r.lat},${r.lng}` : formatAddress(r))}`,
      contacts: contactsByJob.get(r.job_id) ?? [],
      customerNotes: notes.customer.get(r.job_id) ?? [],
      visitNotes: notes.visits.get(r.job_id) ?? [],
      availableActions: availableActions(r.job_status),
    }));
  }

  /** One of the technician's own visits (any day); someone else's, or a cancelled one, is 404. */
  async technicianVisit(principal: StaffPrincipal, appointmentId: string) {
    const appointment = await repo.findAppointment(this.ctx.db, principal.companyId, appointmentId);
    if (!appointment || appointment.technician_id !== principal.userId) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment of yours.');
    const visit = await this.technicianAppointment(principal.companyId, principal.userId, appointmentId);
    if (!visit) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment of yours.');
    return visit;
  }

  private async technicianAppointment(companyId: string, technicianId: string, appointmentId: string) {
    const appointment = await repo.findAppointment(this.ctx.db, companyId, appointmentId);
    const all = await this.technicianAppointments(companyId, technicianId, appointment!.window_start, isoAfter(new Date(appointment!.window_start), 1));
    return all.find((a) => a.id === appointmentId)!;
  }

  /**
   * What a technician reads before a visit: the customer's own notes (with their photos, and the
   * photos sent with the request itself) and what earlier visits of the job left (pause messages,
   * completion notes).
   */
  private async jobNotesForTechnician(companyId: string, jobIds: string[]) {
    type Photo = AttachmentDto;
    const customer = new Map<string, { at: string; author: string; text: string; attachmentCount: number; attachments: Photo[] }[]>();
    const visits = new Map<string, { at: string; author: string; visitNumber: number; kind: 'paused' | 'completed'; text: string; attachments: Photo[] }[]>();
    if (jobIds.length === 0) return { customer, visits };
    const rows = await this.ctx.db
      .selectFrom('job_events')
      .select(['id', 'job_id', 'type', 'created_at', 'actor_name', 'actor_kind', 'data'])
      .where('company_id', '=', companyId)
      .where('job_id', 'in', jobIds)
      .where((eb) => eb.or([eb.and([eb('type', 'in', ['job.note_added', 'job.created']), eb('actor_kind', '=', 'contact')]), eb('type', 'in', ['job.paused', 'job.completed'])]))
      .orderBy('created_at')
      .execute();
    const files = rows.length
      ? await this.ctx.db
          .selectFrom('attachments')
          .selectAll()
          .where('company_id', '=', companyId)
          .where(
            'job_event_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('created_at')
          .execute()
      : [];
    const photosOf = (eventId: string) => files.filter((f) => f.job_event_id === eventId).map(toAttachmentDto);
    for (const row of rows) {
      const data = JSON.parse(row.data) as { text?: string; attachmentCount?: number; message?: string; notes?: string; visitNumber?: number };
      if (row.type === 'job.created') {
        // The request's description is the job's own; only its photos are news to the technician.
        const photos = photosOf(row.id);
        if (photos.length === 0) continue;
        const list = customer.get(row.job_id) ?? [];
        list.push({ at: row.created_at, author: row.actor_name, text: '', attachmentCount: photos.length, attachments: photos });
        customer.set(row.job_id, list);
      } else if (row.type === 'job.note_added') {
        const list = customer.get(row.job_id) ?? [];
        list.push({ at: row.created_at, author: row.actor_name, text: data.text ?? '', attachmentCount: data.attachmentCount ?? 0, attachments: photosOf(row.id) });
        customer.set(row.job_id, list);
      } else {
        const list = visits.get(row.job_id) ?? [];
        const kind = row.type === 'job.paused' ? 'paused' : 'completed';
        list.push({ at: row.created_at, author: row.actor_name, visitNumber: data.visitNumber ?? 0, kind, text: (kind === 'paused' ? data.message : data.notes) ?? '', attachments: photosOf(row.id) });
        visits.set(row.job_id, list);
      }
    }
    return { customer, visits };
  }

  /** The job's contacts with their phone numbers, so the technician can call ahead from the van. */
  private async jobContactsForTechnician(companyId: string, jobIds: string[]) {
    const byJob = new Map<string, { name: string; phone: string | null }[]>();
    if (jobIds.length === 0) return byJob;
    const rows = await this.ctx.db
      .selectFrom('job_contacts')
      .innerJoin('contacts', 'contacts.id', 'job_contacts.contact_id')
      .select(['job_contacts.job_id', 'contacts.name', 'contacts.phone'])
      .where('job_contacts.company_id', '=', companyId)
      .where('contacts.company_id', '=', companyId)
      .where('job_contacts.job_id', 'in', jobIds)
      .orderBy('contacts.name')
      .execute();
    for (const row of rows) {
      const list = byJob.get(row.job_id) ?? [];
      list.push({ name: row.name, phone: row.phone });
      byJob.set(row.job_id, list);
    }
    return byJob;
  }

  /** A technician sees a job's files only while they have a visit on it. */
  async requireTechnicianOnJob(companyId: string, technicianId: string, jobId: string) {
    const visit = await this.ctx.db
      .selectFrom('appointments')
      .select('id')
      .where('company_id', '=', companyId)
      .where('job_id', '=', jobId)
      .where('technician_id', '=', technicianId)
      .executeTakeFirst();
    if (!visit) throw notFound('JOB_NOT_FOUND', 'No such job.');
  }

  // ---------------------------------------------------------------- views

  async list(companyId: string, filter: Omit<repo.JobListFilter, 'slaOverdueAt'> & { overdue?: boolean }) {
    const { overdue, ...rest } = filter;
    const rows = await repo.listJobs(this.ctx.db, companyId, { ...rest, ...(overdue && { slaOverdueAt: this.now().toISOString() }), limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > filter.limit && last ? Buffer.from(JSON.stringify({ c: last.created_at, i: last.id })).toString('base64url') : null;
    const now = this.now().toISOString();
    return { items: page.map((row) => this.toListItem(row, now)), nextCursor };
  }

  private toListItem(row: repo.JobSummaryRow, now: string) {
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      priority: row.priority,
      description: row.description,
      customer: { id: row.customer_id, name: row.customer_name },
      category: { id: row.category_id, name: row.category_name },
      source: { id: row.source_id, name: row.source_name },
      address: formatAddress({ line1: row.location_line1, line2: row.location_line2, city: row.location_city, postal_code: row.location_postal_code }),
      appointment: row.window_start
        ? {
            windowStart: row.window_start,
            windowEnd: row.window_end!,
            visitNumber: row.visit_number!,
            technician: row.technician_id ? { id: row.technician_id, name: row.technician_name ?? '' } : null,
          }
        : null,
      unassigned: !row.technician_id,
      slaDueAt: row.sla_due_at,
      slaOverdue: isSlaOverdue(row.status, row.sla_due_at, now),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Everything the console shows about a job. */
  async staffView(companyId: string, jobId: string) {
    const row = await repo.findJobSummary(this.ctx.db, companyId, jobId);
    if (!row) throw notFound('JOB_NOT_FOUND', 'No such job.');
    const [location, contacts, visits, timeline] = await Promise.all([
      customerRepo.findLocation(this.ctx.db, companyId, row.location_id),
      repo.listJobContacts(this.ctx.db, companyId, jobId),
      repo.listAppointmentsOfJob(this.ctx.db, companyId, jobId),
      this.timeline(companyId, jobId, 'staff'),
    ]);
    return {
      ...this.toListItem(row, this.now().toISOString()),
      sourceKind: row.source_kind,
      externalRef: row.external_ref,
      notificationsEnabled: row.notifications_enabled === 1,
      preferredWindows: JSON.parse(row.preferred_windows) as TimeWindow[],
      slaAcknowledgedAt: row.sla_acknowledged_at,
      cancelReason: row.cancel_reason,
      closedAt: row.closed_at,
      availableActions: availableActions(row.status),
      location: toLocationDto(location!),
      contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, role: c.role, notify: c.notify === 1 })),
      visits: visits.map((v) => ({
        id: v.id,
        visitNumber: v.visit_number,
        status: v.status,
        windowStart: v.window_start,
        windowEnd: v.window_end,
        technician: v.technician_id ? { id: v.technician_id, name: v.technician_name ?? '' } : null,
        enRouteAt: v.en_route_at,
        startedAt: v.started_at,
        completedAt: v.completed_at,
      })),
      timeline,
    };
  }

  /** What a customer sees of their job: no internal notes, a bio only when approved and allowed. */
  async customerView(companyId: string, jobId: string) {
    const [row, timeline] = await Promise.all([repo.findCustomerJobView(this.ctx.db, companyId, jobId), this.timeline(companyId, jobId, 'customer')]);
    if (!row) throw notFound('JOB_NOT_FOUND', 'No such job.');
    const technician =
      row.technician_id && row.technician_name
        ? customerCard({ name: row.technician_name, photoUrl: row.technician_photo_url, bio: row.technician_bio, bioStatus: row.technician_bio_status ?? 'none' }, { showBio: row.source_hides_bios !== 1 })
        : null;
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      priority: row.priority,
      description: row.description,
      category: row.category_name,
      createdAt: row.created_at,
      slaDueAt: row.sla_due_at,
      appointment: row.window_start ? { windowStart: row.window_start, windowEnd: row.window_end!, visitNumber: row.visit_number!, status: row.appointment_status! } : null,
      technician,
      company: { name: row.company_name, logoUrl: row.company_logo_url, phone: row.company_phone, brandColor: row.company_brand_color, timezone: row.company_timezone, locale: row.company_locale },
      location: {
        label: row.location_label,
        address: formatAddress({ line1: row.location_line1, line2: row.location_line2, city: row.location_city, postal_code: row.location_postal_code }),
        lat: row.location_lat,
        lng: row.location_lng,
        accessNotes: row.location_access_notes,
      },
      canAddNote: !isTerminal(row.status),
      cancelReason: row.cancel_reason,
      timeline,
    };
  }

  private async timeline(companyId: string, jobId: string, audience: 'customer' | 'staff'): Promise<TimelineEntryDto[]> {
    const [events, attachments] = await Promise.all([repo.listTimeline(this.ctx.db, companyId, jobId, audience), this.deps.attachments.listForJob(companyId, jobId)]);
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.created_at,
      visibility: e.visibility,
      actor: { kind: e.actor_kind, name: e.actor_name },
      data: JSON.parse(e.data) as Record<string, unknown>,
      attachments: attachments.filter((a) => a.job_event_id === e.id).map(toAttachmentDto),
    }));
  }

  // ---------------------------------------------------------------- internals

  /**
   * Runs one change to a job in a transaction: `work` reads the job, moves it and returns the
   * timeline entries to append; the domain events go out after the commit.
   */
  private async change(principal: Principal & { companyId: string }, jobId: string, work: (trx: Trx, job: JobRow) => Promise<TimelineEntry[]>, uploader?: Uploader) {
    const actor = actorOf(principal);
    const events = await this.ctx.db.transaction().execute(async (trx) => {
      const job = await repo.findJobForChange(trx, this.ctx.dbKind, principal.companyId, jobId);
      if (!job) throw notFound('JOB_NOT_FOUND', 'No such job.');
      const entries = await work(trx, job);
      const recorded: DomainEvent[] = [];
      for (const entry of entries) {
        const event = await this.record(trx, job, actor, entry);
        if (entry.attachmentIds?.length) {
          if (!uploader) throw invalidField('attachmentIds', 'cannot be attached here');
          await this.deps.attachments.claim(trx, job.company_id, uploader, entry.attachmentIds, job.id, event.timelineEventId!);
        }
        recorded.push(event);
      }
      return recorded;
    });
    await this.ctx.bus.publish(events);
  }

  private async moveTo(trx: Trx, job: JobRow, status: JobStatus, patch: Partial<JobRow> = {}) {
    const moved = await repo.updateJobIfStatus(trx, job.company_id, job.id, job.status, { ...patch, status, updated_at: this.now().toISOString() });
    if (!moved) throw conflict('JOB_CHANGED', 'The job was changed by someone else just now; reload and try again.');
  }

  private async record(trx: Trx, job: JobRow, actor: ActorRef, entry: TimelineEntry): Promise<DomainEvent> {
    const id = newId();
    const at = this.now().toISOString();
    await repo.insertTimelineEvent(trx, {
      id,
      company_id: job.company_id,
      job_id: job.id,
      type: entry.type,
      visibility: entry.visibility,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      data: JSON.stringify(entry.data),
      created_at: at,
    });
    const event: DomainEvent = { type: entry.type, companyId: job.company_id, jobId: job.id, timelineEventId: id, actor, data: { ...entry.data, visibility: entry.visibility }, occurredAt: at };
    await this.ctx.bus.dispatchInTransaction(trx, event);
    return event;
  }

  private async addVisit(trx: Trx, job: JobRow, technicianId: string, windowStart: string, windowEnd: string, assignment: Partial<Pick<AppointmentRow, 'assignment_method' | 'assignment_reason' | 'assigned_by'>> = {}): Promise<string> {
    const id = newId();
    const now = this.now().toISOString();
    await repo.insertAppointment(trx, {
      id,
      company_id: job.company_id,
      job_id: job.id,
      visit_number: await repo.nextVisitNumber(trx, job.id),
      technician_id: technicianId,
      window_start: windowStart,
      window_end: windowEnd,
      status: 'scheduled',
      ...assignment,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  /** 409 TECHNICIAN_BUSY when the technician's other visits leave no room for this one (decision 010). */
  private async assertTechnicianFree(trx: Trx, job: JobRow, technicianId: string, window: { windowStart: string; windowEnd: string }, excludeAppointmentId: string | null) {
    const check = await findVisitConflicts(
      trx,
      this.ctx.dbKind,
      job.company_id,
      technicianId,
      { categoryId: job.category_id, locationId: job.location_id },
      { start: Date.parse(window.windowStart), end: Date.parse(window.windowEnd) },
      excludeAppointmentId,
    );
    if (!check.fits) {
      throw conflict('TECHNICIAN_BUSY', 'The technician has other visits at that time and could not reach this one in its window; choose another time or technician, or pass allowOverlap to book anyway.', {
        technicianId,
        conflicts: check.inTheWay,
      });
    }
  }

  private async requireTechnician(trx: Trx, companyId: string, technicianId: string) {
    const technician = await this.deps.technicians.findActive(companyId, technicianId, trx);
    if (!technician) throw invalidField('technicianId', 'is not an active technician of this company');
    return technician;
  }

  /** Windows must end after they start and not lie wholly in the past. */
  private checkWindows(windows: TimeWindow[], field: string, names?: { startField: string; endField: string }) {
    const now = this.now().getTime();
    windows.forEach((w, index) => {
      const prefix = names ? '' : `${field}[${index}].`;
      const startField = names?.startField ?? `${prefix}start`;
      const endField = names?.endField ?? `${prefix}end`;
      const start = Date.parse(w.start);
      const end = Date.parse(w.end);
      if (Number.isNaN(start)) throw invalidField(startField, 'is not a date-time');
      if (Number.isNaN(end)) throw invalidField(endField, 'is not a date-time');
      if (end <= start) throw invalidField(endField, 'must be after the start');
      if (end <= now) throw invalidField(endField, 'is in the past');
    });
  }
}

/** A job is overdue while its promised arrival time has passed and nobody has started work. */
export function isSlaOverdue(status: JobStatus, slaDueAt: string | null, now: string): boolean {
  return slaDueAt !== null && slaDueAt < now && SLA_RUNNING_STATUSES.includes(status);
}
