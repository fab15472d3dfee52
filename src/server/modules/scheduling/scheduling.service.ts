import { DateTime } from 'luxon';
import type { AppContext } from '../../context.js';
import type { Executor, Trx } from '../../db/database.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { DAY, MINUTE } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { CustomerPrincipal, PortalPrincipal } from '../accounts/principal.js';
import * as companies from '../companies/companies.repository.js';
import * as customerRepo from '../customers/customers.repository.js';
import type { JobsService, TechnicianChoice, VisitPlacement } from '../jobs/jobs.service.js';
import type { BookingAssigner } from '../dispatch/dispatch.service.js';
import type { AppointmentRow, JobRow } from '../jobs/jobs.table.js';
import type { JobStatus } from '../jobs/job-state-machine.js';
import type { ServiceCategoriesService } from '../service-categories/service-categories.service.js';
import { computeAvailability, fitsWindow, windowGrid, type AvailableWindow, type Interval, type VisitRequest, type WindowCandidate } from './availability.js';
import { DEFAULT_WORKING_HOURS, formatClock, parseClock, toBookingPolicy, type BookingPolicy } from './booking-policy.js';
import * as repo from './scheduling.repository.js';
import { loadCalendars, toTerritory } from './technician-calendars.js';

/** The longest range one availability query may cover. */
export const MAX_RANGE_DAYS = 31;
/** Days shown when a query names no end. */
export const DEFAULT_RANGE_DAYS = 14;
/** How many fresh windows a "this window was just taken" answer offers instead. */
export const ALTERNATIVES_OFFERED = 10;

export interface RangeQuery {
  from?: string;
  to?: string;
}

export interface WorkingHoursInput {
  weekday: number;
  start: string;
  end: string;
}

export interface TerritoryInput {
  id?: string;
  name: string;
  postalCodes: string[];
  polygon?: [number, number][] | null;
}

export interface BookingInput {
  windowStart: string;
  technicianId?: string;
}

/** The new visit's category and address, as availability needs them. */
interface VisitContext {
  timezone: string;
  policy: BookingPolicy;
  request: VisitRequest;
}

type Audience = 'staff' | 'customer';

const SLOT_TAKEN_MESSAGE = 'This window was just taken. Please choose another one.';

/**
 * Self-scheduling: the configuration (working hours, time off, territories, booking policy),
 * bookable windows, and booking, moving and cancelling inside the policy. Bookings go through the
 * jobs module, which keeps the state machine, the timeline and the domain events the one path.
 */
export class SchedulingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; categories: ServiceCategoriesService; dispatch?: BookingAssigner },
  ) {}

  private now() {
    return this.ctx.clock.now();
  }

  // ---------------------------------------------------------------- booking policy

  async policy(companyId: string, db: Executor = this.ctx.db): Promise<BookingPolicy> {
    return toBookingPolicy(await repo.findBookingPolicy(db, companyId));
  }

  /** The policy as the console shows it: with the company's time zone and the default week. */
  async policyView(companyId: string) {
    const [policy, company] = await Promise.all([this.policy(companyId), this.requireCompany(companyId)]);
    return { ...policy, timezone: company.timezone, defaultWorkingHours: DEFAULT_WORKING_HOURS.map(toHoursDto) };
  }

  async updatePolicy(companyId: string, patch: Partial<BookingPolicy>) {
    const merged = { ...(await this.policy(companyId)), ...patch };
    if (merged.horizonDays * 24 * 60 <= merged.leadTimeMinutes) throw invalidField('horizonDays', 'must reach beyond the lead time');
    await repo.saveBookingPolicy(this.ctx.db, {
      company_id: companyId,
      window_minutes: merged.windowMinutes,
      lead_time_minutes: merged.leadTimeMinutes,
      horizon_days: merged.horizonDays,
      reschedule_cutoff_minutes: merged.rescheduleCutoffMinutes,
      cancel_cutoff_minutes: merged.cancelCutoffMinutes,
      buffer_minutes: merged.bufferMinutes,
      customer_may_choose_technician: merged.customersMayChooseTechnician ? 1 : 0,
      updated_at: this.now().toISOString(),
    });
    return this.policyView(companyId);
  }

  // ---------------------------------------------------------------- working hours and time off

  async workingHours(companyId: string, technicianId: string) {
    await this.requireTechnician(companyId, technicianId);
    const [rows, company] = await Promise.all([repo.listWorkingHours(this.ctx.db, companyId, [technicianId]), this.requireCompany(companyId)]);
    const own = rows.map((r) => ({ weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute }));
    return { timezone: company.timezone, usesDefault: own.length === 0, hours: (own.length > 0 ? own : DEFAULT_WORKING_HOURS).map(toHoursDto) };
  }

  /** Replaces a technician's week; an empty list returns them to the default week. */
  async setWorkingHours(companyId: string, technicianId: string, hours: WorkingHoursInput[]) {
    await this.requireTechnician(companyId, technicianId);
    const parsed = hours.map((h, index) => {
      const start = parseClock(h.start);
      const end = parseClock(h.end);
      if (start >= 1440) throw invalidField(`hours[${index}].start`, 'must be before 24:00');
      if (end <= start) throw invalidField(`hours[${index}].end`, 'must be after the start');
      return { weekday: h.weekday, start, end, index };
    });
    for (const a of parsed) {
      const clash = parsed.find((b) => b.index < a.index && b.weekday === a.weekday && b.start < a.end && a.start < b.end);
      if (clash) throw invalidField(`hours[${a.index}]`, `overlaps hours[${clash.index}]`);
    }
    await this.ctx.db.transaction().execute((trx) =>
      repo.replaceWorkingHours(
        trx,
        companyId,
        technicianId,
        parsed.map((h) => ({ id: newId(), company_id: companyId, technician_id: technicianId, weekday: h.weekday, start_minute: h.start, end_minute: h.end })),
      ),
    );
    return this.workingHours(companyId, technicianId);
  }

  /** A technician's time off that has not ended yet (or overlapping the given range). */
  async listTimeOff(companyId: string, technicianId: string, range: { from?: string; to?: string } = {}) {
    await this.requireTechnician(companyId, technicianId);
    const rows = await repo.listTimeOff(this.ctx.db, companyId, { from: range.from ?? this.now().toISOString(), to: range.to ?? '9999-12-31T00:00:00.000Z' }, [technicianId]);
    return rows.map(toTimeOffDto);
  }

  async addTimeOff(companyId: string, technicianId: string, input: { start: string; end: string; reason?: string | null }) {
    await this.requireTechnician(companyId, technicianId);
    const start = Date.parse(input.start);
    const end = Date.parse(input.end);
    if (end <= start) throw invalidField('end', 'must be after the start');
    if (end - start > 366 * DAY) throw invalidField('end', 'must be within a year of the start');
    const row = {
      id: newId(),
      company_id: companyId,
      technician_id: technicianId,
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(end).toISOString(),
      reason: input.reason ?? null,
      created_at: this.now().toISOString(),
    };
    await repo.insertTimeOff(this.ctx.db, row);
    return toTimeOffDto(row);
  }

  async removeTimeOff(companyId: string, technicianId: string, timeOffId: string) {
    await this.requireTechnician(companyId, technicianId);
    if (!(await repo.deleteTimeOff(this.ctx.db, companyId, technicianId, timeOffId))) throw notFound('TIME_OFF_NOT_FOUND', 'No such time off for this technician.');
  }

  // ---------------------------------------------------------------- territories

  async territories(companyId: string) {
    const [rows, assignments] = await Promise.all([repo.listTerritories(this.ctx.db, companyId), repo.listTerritoryAssignments(this.ctx.db, companyId)]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      ...toTerritory(row),
      technicianIds: assignments.filter((a) => a.territory_id === row.id).map((a) => a.technician_id),
    }));
  }

  /**
   * Saves the company's territories as a whole, as the settings screen edits them: items with an
   * id are updated, items without one created, territories left out deleted (with their assignments).
   */
  async saveTerritories(companyId: string, items: TerritoryInput[]) {
    const existing = await repo.listTerritories(this.ctx.db, companyId);
    const known = new Set(existing.map((t) => t.id));
    const names = new Map<string, number>();
    items.forEach((item, index) => {
      if (item.id !== undefined && !known.has(item.id)) throw invalidField(`items[${index}].id`, 'is not a territory of this company');
      const key = item.name.trim().toLowerCase();
      if (names.has(key)) throw invalidField(`items[${index}].name`, `repeats items[${names.get(key)}].name`);
      names.set(key, index);
      if (item.postalCodes.length === 0 && !item.polygon) throw invalidField(`items[${index}].postalCodes`, 'or a polygon is required');
    });
    const now = this.now().toISOString();
    await this.ctx.db.transaction().execute(async (trx) => {
      const kept = new Set(items.flatMap((i) => (i.id ? [i.id] : [])));
      await repo.deleteTerritories(
        trx,
        companyId,
        existing.filter((t) => !kept.has(t.id)).map((t) => t.id),
      );
      // Renames first to names nobody uses, so swapping two names never trips the unique key.
      for (const item of items.filter((i) => i.id)) await repo.updateTerritory(trx, companyId, item.id!, { name: `~${item.id}` });
      for (const item of items) {
        const values = { name: item.name.trim(), postal_codes: JSON.stringify([...new Set(item.postalCodes.map((c) => c.trim()))]), polygon: item.polygon ? JSON.stringify(item.polygon) : null, updated_at: now };
        if (item.id) await repo.updateTerritory(trx, companyId, item.id, values);
        else await repo.insertTerritory(trx, { id: newId(), company_id: companyId, created_at: now, ...values });
      }
    });
    return this.territories(companyId);
  }

  /** Which territories a technician serves; none means everywhere. */
  async setTechnicianTerritories(companyId: string, technicianId: string, territoryIds: string[]) {
    await this.requireTechnician(companyId, technicianId);
    const known = new Set((await repo.listTerritories(this.ctx.db, companyId)).map((t) => t.id));
    territoryIds.forEach((id, index) => {
      if (!known.has(id)) throw invalidField(`territoryIds[${index}]`, 'is not a territory of this company');
    });
    await this.ctx.db.transaction().execute((trx) => repo.replaceTechnicianTerritories(trx, companyId, technicianId, [...new Set(territoryIds)]));
    return { technicianId, territoryIds: [...new Set(territoryIds)] };
  }

  // ---------------------------------------------------------------- availability

  /** The console's view: every window with the technicians who could take it and the suggested one. */
  async staffAvailability(companyId: string, query: RangeQuery & { categoryId: string; locationId: string; jobId?: string }) {
    let excludeVisitId: string | null = null;
    if (query.jobId) {
      const job = await this.ctx.db.selectFrom('jobs').select(['id', 'current_appointment_id']).where('company_id', '=', companyId).where('id', '=', query.jobId).executeTakeFirst();
      if (!job) throw invalidField('jobId', 'is not a job of this company');
      excludeVisitId = job.current_appointment_id;
    }
    const visit = await this.visitContext(this.ctx.db, companyId, query.categoryId, query.locationId);
    const range = this.range(query, visit.timezone);
    const { windows, names } = await this.compute(companyId, visit, range, 'staff', excludeVisitId);
    const technician = (c: WindowCandidate) => ({ id: c.technicianId, name: names.get(c.technicianId) ?? '', addedTravelMinutes: Math.round(c.addedTravelSeconds / 60), plannedArrival: new Date(c.plannedArrival).toISOString() });
    return {
      ...this.envelope(visit, range),
      windows: windows.map((w) => ({ ...windowDto(w), suggested: technician(w.candidates[0]!), technicians: w.candidates.map(technician) })),
    };
  }

  /** Windows for a new request: the customer's own address; technicians named only when the policy lets customers choose. */
  async customerAvailabilityForRequest(principal: CustomerPrincipal, query: RangeQuery & { categoryId: string; locationId: string }) {
    const location = await customerRepo.findLocation(this.ctx.db, principal.companyId, query.locationId);
    if (!location || location.customer_id !== principal.customerId) throw invalidField('locationId', 'is not one of your saved addresses');
    const visit = await this.visitContext(this.ctx.db, principal.companyId, query.categoryId, query.locationId, { customer: true });
    return this.customerWindows(principal.companyId, visit, this.range(query, visit.timezone), null);
  }

  /** Windows for an existing job (booking it, or moving its visit): the visit being moved does not block itself. */
  async customerAvailabilityForJob(principal: PortalPrincipal, job: JobRow, query: RangeQuery) {
    const visit = await this.visitContext(this.ctx.db, principal.companyId, job.category_id, job.location_id);
    return this.customerWindows(principal.companyId, visit, this.range(query, visit.timezone), job.current_appointment_id);
  }

  private async customerWindows(companyId: string, visit: VisitContext, range: { from: string; to: string }, excludeVisitId: string | null) {
    const { windows, names } = await this.compute(companyId, visit, range, 'customer', excludeVisitId);
    const bookableUntil = DateTime.fromMillis(this.now().getTime() + visit.policy.horizonDays * DAY, { zone: visit.timezone }).toISODate()!;
    return { ...this.envelope(visit, range), bookableUntil, windows: windows.map((w) => this.customerWindow(w, visit.policy, names)) };
  }

  private customerWindow(window: AvailableWindow, policy: BookingPolicy, names: Map<string, string>) {
    return {
      ...windowDto(window),
      ...(policy.customersMayChooseTechnician ? { technicians: window.candidates.map((c) => ({ id: c.technicianId, name: names.get(c.technicianId) ?? '' })) } : {}),
    };
  }

  private envelope(visit: VisitContext, range: { from: string; to: string }) {
    return { timezone: visit.timezone, from: range.from, to: range.to, durationMinutes: visit.request.durationMinutes, windowMinutes: visit.policy.windowMinutes };
  }

  private async compute(companyId: string, visit: VisitContext, range: { from: string; to: string }, audience: Audience, excludeVisitId: string | null, db: Executor = this.ctx.db) {
    const now = this.now().getTime();
    const start = DateTime.fromISO(range.from, { zone: visit.timezone }).startOf('day').toMillis();
    const end = DateTime.fromISO(range.to, { zone: visit.timezone }).plus({ days: 1 }).startOf('day').toMillis();
    const { calendars, names } = await loadCalendars(db, companyId, { start, end });
    const windows = computeAvailability(
      calendars,
      visit.request,
      {
        timezone: visit.timezone,
        fromDate: range.from,
        toDate: range.to,
        windowMinutes: visit.policy.windowMinutes,
        bufferMinutes: visit.policy.bufferMinutes,
        // The office may fill any slot still ahead; customers book inside the policy.
        earliestStart: audience === 'staff' ? now : now + visit.policy.leadTimeMinutes * MINUTE,
        latestStart: audience === 'staff' ? Number.POSITIVE_INFINITY : now + visit.policy.horizonDays * DAY,
      },
      excludeVisitId,
    );
    return { windows, names };
  }

  /** Local dates from the query, defaulting to today and the next DEFAULT_RANGE_DAYS days. */
  private range(query: RangeQuery, timezone: string): { from: string; to: string } {
    const today = DateTime.fromJSDate(this.now(), { zone: timezone }).startOf('day');
    const from = query.from ? DateTime.fromISO(query.from, { zone: timezone }) : today;
    if (!from.isValid) throw invalidField('from', 'is not a date');
    const to = query.to ? DateTime.fromISO(query.to, { zone: timezone }) : from.plus({ days: DEFAULT_RANGE_DAYS - 1 });
    if (!to.isValid) throw invalidField('to', 'is not a date');
    if (to < from) throw invalidField('to', 'must not be before from');
    if (to.diff(from, 'days').days >= MAX_RANGE_DAYS) throw invalidField('to', `must be less than ${MAX_RANGE_DAYS} days after from`);
    return { from: from.toISODate()!, to: to.toISODate()! };
  }

  private async visitContext(db: Executor, companyId: string, categoryId: string, locationId: string, options: { customer?: boolean } = {}): Promise<VisitContext> {
    const [company, category, location, policy] = await Promise.all([
      this.requireCompany(companyId, db),
      this.deps.categories.find(companyId, categoryId, db),
      customerRepo.findLocation(db, companyId, locationId),
      this.policy(companyId, db),
    ]);
    if (!category || !category.active) throw invalidField('categoryId', options.customer ? 'is not a service we offer' : 'is not a service category of this company');
    if (!location) throw invalidField('locationId', 'is not a location of this company');
    return {
      timezone: company.timezone,
      policy,
      request: {
        durationMinutes: category.defaultDurationMinutes,
        requiredSkills: category.requiredSkills,
        place: { id: location.id, point: location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : null },
        postalCode: location.postal_code,
      },
    };
  }

  // ---------------------------------------------------------------- booking from the portal

  /**
   * Checks a window a customer asked for against the policy (on the grid, not too soon, not too far)
   * and answers its end. Breaking these is a bad request, not a lost race.
   */
  async checkRequestedWindow(companyId: string, windowStart: string): Promise<Interval> {
    const [company, policy] = await Promise.all([this.requireCompany(companyId), this.policy(companyId)]);
    const start = Date.parse(windowStart);
    const day = DateTime.fromMillis(start, { zone: company.timezone }).startOf('day');
    const window = windowGrid(day, policy.windowMinutes).find((w) => w.start === start);
    if (!window) throw invalidField('windowStart', 'is not the start of an arrival window we offer');
    const now = this.now().getTime();
    if (window.start < now + policy.leadTimeMinutes * MINUTE) throw invalidField('windowStart', `is too soon: visits are booked at least ${describeMinutes(policy.leadTimeMinutes)} ahead`);
    if (window.start > now + policy.horizonDays * DAY) throw invalidField('windowStart', `is too far ahead: visits are booked up to ${policy.horizonDays} days ahead`);
    return window;
  }

  /**
   * The placement the jobs module runs inside its transaction for a customer's booking: lock the
   * technicians who fit, re-check them with what is committed now, take the best one who still fits.
   */
  placementFor(companyId: string, window: Interval, preferredTechnicianId?: string): VisitPlacement {
    return {
      chooseTechnician: async (trx: Trx, job: JobRow, current: AppointmentRow | undefined) => {
        const visit = await this.visitContext(trx, companyId, job.category_id, job.location_id);
        if (preferredTechnicianId && !visit.policy.customersMayChooseTechnician) throw invalidField('technicianId', 'cannot be chosen: the company assigns technicians itself');
        const exclude = current?.id ?? null;
        const fitting = async (ids?: string[]) => {
          const { calendars } = await loadCalendars(trx, companyId, window, ids);
          return calendars
            .map((c) => fitsWindow(c, visit.request, window, { timezone: visit.timezone, bufferMinutes: visit.policy.bufferMinutes }, exclude))
            .filter((c): c is WindowCandidate => c !== null)
            .sort((a, b) => a.addedTravelSeconds - b.addedTravelSeconds || a.visitsThatDay - b.visitsThatDay || a.technicianId.localeCompare(b.technicianId));
        };
        if (preferredTechnicianId && (await loadCalendars(trx, companyId, window, [preferredTechnicianId])).calendars.length === 0) {
          throw invalidField('technicianId', 'is not a technician of this company');
        }
        const before = await fitting(preferredTechnicianId ? [preferredTechnicianId] : undefined);
        if (before.length === 0) throw conflict('SLOT_TAKEN', SLOT_TAKEN_MESSAGE);
        await repo.lockTechnicians(trx, this.ctx.dbKind, companyId, before.map((c) => c.technicianId));
        // Read again under the lock: a booking that committed while we waited is seen now.
        const after = await fitting(before.map((c) => c.technicianId));
        if (after.length === 0) throw conflict('SLOT_TAKEN', SLOT_TAKEN_MESSAGE);
        // A moved visit keeps its technician when they can still come: customers like a face they know.
        const kept = after.find((c) => c.technicianId === current?.technician_id);
        if (kept) return kept.technicianId;
        if (preferredTechnicianId) return { technicianId: after[0]!.technicianId, assignment: { method: 'customer', reason: 'Chosen by the customer when booking' } } satisfies TechnicianChoice;
        // Several can come: the company's dispatch rules choose among them (under the same locks).
        return this.deps.dispatch ? this.deps.dispatch.chooseForBooking(trx, job, window, current, after) : after[0]!.technicianId;
      },
    };
  }

  /** Turns a lost race into 409 SLOT_TAKEN with fresh windows from the same day on. */
  async withAlternatives<T>(companyId: string, alternativesFor: () => Promise<{ visit: VisitContext; excludeVisitId: string | null }>, window: Interval, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'SLOT_TAKEN') throw error;
      const { visit, excludeVisitId } = await alternativesFor();
      const from = DateTime.fromMillis(window.start, { zone: visit.timezone });
      const range = { from: from.toISODate()!, to: from.plus({ days: 6 }).toISODate()! };
      const { windows, names } = await this.compute(companyId, visit, range, 'customer', excludeVisitId);
      throw conflict('SLOT_TAKEN', SLOT_TAKEN_MESSAGE, {
        windowStart: new Date(window.start).toISOString(),
        alternatives: windows
          .filter((w) => w.start !== window.start)
          .slice(0, ALTERNATIVES_OFFERED)
          .map((w) => this.customerWindow(w, visit.policy, names)),
      });
    }
  }

  /** Alternatives for a request whose address may not exist any more (it was new, and the booking rolled back). */
  async visitContextForRequest(companyId: string, categoryId: string, location: { locationId: string } | { postalCode: string; lat?: number | null; lng?: number | null }) {
    if ('locationId' in location) return this.visitContext(this.ctx.db, companyId, categoryId, location.locationId);
    const [company, category, policy] = await Promise.all([this.requireCompany(companyId), this.deps.categories.find(companyId, categoryId), this.policy(companyId)]);
    return {
      timezone: company.timezone,
      policy,
      request: {
        durationMinutes: category?.defaultDurationMinutes ?? 60,
        requiredSkills: category?.requiredSkills ?? [],
        place: { id: null, point: location.lat != null && location.lng != null ? { lat: location.lat, lng: location.lng } : null },
        postalCode: location.postalCode,
      },
    };
  }

  /** Books the first visit of a customer's job that has none yet. */
  async bookJob(principal: PortalPrincipal, job: JobRow, input: BookingInput) {
    const window = await this.checkRequestedWindow(principal.companyId, input.windowStart);
    await this.withAlternatives(
      principal.companyId,
      async () => ({ visit: await this.visitContext(this.ctx.db, principal.companyId, job.category_id, job.location_id), excludeVisitId: null }),
      window,
      () =>
        this.deps.jobs.schedule(
          principal,
          job.id,
          { windowStart: new Date(window.start).toISOString(), windowEnd: new Date(window.end).toISOString() },
          this.placementFor(principal.companyId, window, input.technicianId),
        ),
    );
  }

  /** Moves the customer's visit to another window, inside the reschedule cut-off. */
  async rescheduleJob(principal: PortalPrincipal, job: JobRow, input: BookingInput & { reason?: string }) {
    const window = await this.checkRequestedWindow(principal.companyId, input.windowStart);
    const placement = this.placementFor(principal.companyId, window, input.technicianId);
    const choose = placement.chooseTechnician!;
    await this.withAlternatives(
      principal.companyId,
      async () => ({ visit: await this.visitContext(this.ctx.db, principal.companyId, job.category_id, job.location_id), excludeVisitId: job.current_appointment_id }),
      window,
      () =>
        this.deps.jobs.reschedule(
          principal,
          job.id,
          { windowStart: new Date(window.start).toISOString(), windowEnd: new Date(window.end).toISOString(), ...(input.reason ? { reason: input.reason } : {}) },
          {
            chooseTechnician: async (trx, locked, current) => {
              const policy = await this.policy(principal.companyId, trx);
              this.assertBeforeCutoff('reschedule', locked.status, current, policy.rescheduleCutoffMinutes);
              return choose(trx, locked, current);
            },
          },
        ),
    );
  }

  /** Cancels the customer's job, inside the cancellation cut-off when a visit is booked. */
  async cancelJob(principal: PortalPrincipal, job: JobRow, input: { reason?: string }) {
    await this.deps.jobs.cancel(principal, job.id, { reason: input.reason?.trim() || 'Cancelled by the customer' }, async (trx, locked, current) => {
      if (locked.status === 'created') return;
      const policy = await this.policy(principal.companyId, trx);
      this.assertBeforeCutoff('cancel', locked.status, current, policy.cancelCutoffMinutes);
    });
  }

  /** What the job page offers the customer: book, move, cancel, and until when. */
  async selfService(companyId: string, job: { status: JobStatus; windowStart: string | null }) {
    const policy = await this.policy(companyId);
    const now = this.now().getTime();
    const until = (minutes: number) => (job.windowStart ? new Date(Date.parse(job.windowStart) - minutes * MINUTE).toISOString() : null);
    const movable = (job.status === 'scheduled' || job.status === 'rescheduled') && job.windowStart !== null;
    const rescheduleUntil = movable ? until(policy.rescheduleCutoffMinutes) : null;
    const cancelUntil = movable ? until(policy.cancelCutoffMinutes) : null;
    return {
      canBook: job.status === 'created',
      canReschedule: rescheduleUntil !== null && now <= Date.parse(rescheduleUntil),
      canCancel: job.status === 'created' || (cancelUntil !== null && now <= Date.parse(cancelUntil)),
      rescheduleUntil,
      cancelUntil,
      customersMayChooseTechnician: policy.customersMayChooseTechnician,
    };
  }

  private assertBeforeCutoff(action: 'reschedule' | 'cancel', status: JobStatus, current: AppointmentRow | undefined, cutoffMinutes: number) {
    const code = action === 'reschedule' ? 'RESCHEDULE_CUTOFF_PASSED' : 'CANCEL_CUTOFF_PASSED';
    if (status === 'en_route') throw conflict(code, `The technician is already on the way; please call us to ${action === 'reschedule' ? 'move' : 'cancel'} this visit.`, { status });
    if (status === 'paused') throw conflict(action === 'reschedule' ? 'RESCHEDULE_NOT_ALLOWED' : 'CANCEL_NOT_ALLOWED', 'Work on this job has begun; our team arranges what happens next.', { status });
    if (!current) throw conflict('NO_APPOINTMENT', 'The job has no visit booked.');
    const cutoffAt = Date.parse(current.window_start) - cutoffMinutes * MINUTE;
    if (this.now().getTime() > cutoffAt) {
      throw conflict(code, `Visits can be ${action === 'reschedule' ? 'moved' : 'cancelled'} online until ${describeMinutes(cutoffMinutes)} before the window starts; please call us.`, {
        cutoffAt: new Date(cutoffAt).toISOString(),
        windowStart: current.window_start,
      });
    }
  }

  // ---------------------------------------------------------------- internals

  private async requireCompany(companyId: string, db: Executor = this.ctx.db) {
    const company = await companies.findCompany(db, companyId);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    return company;
  }

  private async requireTechnician(companyId: string, technicianId: string) {
    const row = await this.ctx.db.selectFrom('users').select('id').where('company_id', '=', companyId).where('id', '=', technicianId).where('role', '=', 'technician').executeTakeFirst();
    if (!row) throw notFound('TECHNICIAN_NOT_FOUND', 'No such technician.');
  }
}

const toHoursDto = (h: { weekday: number; startMinute: number; endMinute: number }) => ({ weekday: h.weekday, start: formatClock(h.startMinute), end: formatClock(h.endMinute) });

const toTimeOffDto = (row: { id: string; technician_id: string; starts_at: string; ends_at: string; reason: string | null; created_at: string }) => ({
  id: row.id,
  technicianId: row.technician_id,
  start: row.starts_at,
  end: row.ends_at,
  reason: row.reason,
  createdAt: row.created_at,
});

const windowDto = (w: AvailableWindow) => ({ date: w.date, start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() });

function describeMinutes(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} day${minutes === 24 * 60 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}
