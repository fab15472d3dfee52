import { DateTime } from 'luxon';
import type { AppContext } from '../../context.js';
import type { Executor, Trx } from '../../db/database.js';
import { DAY } from '../../lib/clock.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import type { ActorRef } from '../accounts/principal.js';
import * as companies from '../companies/companies.repository.js';
import * as customerRepo from '../customers/customers.repository.js';
import * as jobsRepo from '../jobs/jobs.repository.js';
import type { JobsService, TechnicianChoice } from '../jobs/jobs.service.js';
import type { AppointmentRow, JobRow } from '../jobs/jobs.table.js';
import { computeAvailability, fitsWindow, type Interval, type TechnicianCalendar, type VisitRequest, type WindowCandidate } from '../scheduling/availability.js';
import { toBookingPolicy } from '../scheduling/booking-policy.js';
import * as schedulingRepo from '../scheduling/scheduling.repository.js';
import { loadCalendars, toTerritory } from '../scheduling/technician-calendars.js';
import type { ServiceCategoriesService } from '../service-categories/service-categories.service.js';
import { completeRules, DEFAULT_DISPATCH_RULES, RULE_KEYS, rankCandidates, type AssignmentCandidate, type AssignmentRule, type DispatchRules, type RankedCandidate, type RuleKey } from './assignment-rules.js';
import * as repo from './dispatch.repository.js';

/** How far ahead auto-assignment looks for a window. */
export const AUTO_ASSIGN_DAYS = 14;

/** What the scheduling module asks when several technicians can take a booked window. */
export interface BookingAssigner {
  chooseForBooking(trx: Trx, job: JobRow, window: Interval, current: AppointmentRow | undefined, fitting: readonly WindowCandidate[]): Promise<TechnicianChoice>;
}

type JobForRanking = Pick<JobRow, 'company_id' | 'customer_id' | 'category_id' | 'location_id' | 'priority' | 'sla_due_at'>;

const RULES_ACTOR: ActorRef = { kind: 'system', id: null, name: 'Dispatch rules' };

/**
 * Routing rules: the company's configuration, ranking technicians for a visit with a reason for each
 * (assignment-rules.ts), choosing who takes a booking, and auto-assigning new jobs. Visits are placed
 * through the jobs module, so the state machine, timeline and events stay the one path.
 */
export class DispatchService implements BookingAssigner {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; categories: ServiceCategoriesService },
  ) {}

  /** New jobs are auto-assigned after they commit, when the company asks for it. */
  subscribe() {
    this.ctx.bus.subscribe('job.created', async (event) => {
      if (!event.jobId) return;
      const config = await this.rules(event.companyId);
      if (!config.autoAssignNewRequests) return;
      const job = await jobsRepo.findJob(this.ctx.db, event.companyId, event.jobId);
      // A request filed with a booking is already placed.
      if (!job || job.status !== 'created') return;
      try {
        await this.autoAssign(RULES_ACTOR, event.companyId, event.jobId, {});
      } catch (error) {
        // Nobody can come soon, or someone placed it meanwhile: it waits on the board for a dispatcher.
        if (error instanceof AppError && error.statusCode === 409) this.ctx.logger.info({ jobId: event.jobId, code: error.code }, 'auto-assign left the job for a dispatcher');
        else throw error;
      }
    });
  }

  // ---------------------------------------------------------------- configuration

  async rules(companyId: string, db: Executor = this.ctx.db): Promise<DispatchRules> {
    const row = await repo.findRules(db, companyId);
    if (!row) return { ...DEFAULT_DISPATCH_RULES, rules: completeRules(DEFAULT_DISPATCH_RULES.rules) };
    return { autoAssignNewRequests: row.auto_assign_new_requests === 1, autoAssignBookings: row.auto_assign_bookings === 1, rules: completeRules(JSON.parse(row.rules) as AssignmentRule[]) };
  }

  async rulesView(companyId: string) {
    const [config, row] = await Promise.all([this.rules(companyId), repo.findRules(this.ctx.db, companyId)]);
    const by = row?.updated_by ? await repo.findUserName(this.ctx.db, companyId, row.updated_by) : undefined;
    return { ...config, updatedAt: row?.updated_at ?? null, updatedBy: by?.name ?? null };
  }

  /** Saves the whole configuration: every rule exactly once, in priority order. */
  async saveRules(companyId: string, userId: string, input: DispatchRules) {
    const first = new Map<RuleKey, number>();
    input.rules.forEach((rule, index) => {
      if (first.has(rule.key)) throw invalidField(`rules[${index}].key`, `repeats rules[${first.get(rule.key)}].key`);
      first.set(rule.key, index);
      if (rule.mode !== undefined && rule.key !== 'territory') throw invalidField(`rules[${index}].mode`, 'applies to the territory rule only');
      if (rule.measure !== undefined && rule.key !== 'load_balance') throw invalidField(`rules[${index}].measure`, 'applies to the load balance rule only');
      if (rule.priorities !== undefined && rule.key !== 'priority_sla') throw invalidField(`rules[${index}].priorities`, 'applies to the priority/SLA rule only');
      if (rule.fallbackToLastTechnician !== undefined && rule.key !== 'preferred_technician') throw invalidField(`rules[${index}].fallbackToLastTechnician`, 'applies to the preferred technician rule only');
      if (rule.key === 'priority_sla' && rule.enabled && rule.priorities !== undefined && rule.priorities.length === 0) throw invalidField(`rules[${index}].priorities`, 'must name at least one priority');
    });
    const missing = RULE_KEYS.filter((key) => !first.has(key));
    if (missing.length > 0) throw invalidField('rules', `must list every rule once; missing ${missing.join(', ')}`);
    await repo.saveRules(this.ctx.db, {
      company_id: companyId,
      auto_assign_new_requests: input.autoAssignNewRequests ? 1 : 0,
      auto_assign_bookings: input.autoAssignBookings ? 1 : 0,
      rules: JSON.stringify(completeRules(input.rules)),
      updated_at: this.ctx.clock.now().toISOString(),
      updated_by: userId,
    });
    return this.rulesView(companyId);
  }

  // ---------------------------------------------------------------- preferred technician

  async preferredTechnician(companyId: string, customerId: string) {
    const row = await repo.findCustomerPreference(this.ctx.db, companyId, customerId);
    if (!row) throw notFound('CUSTOMER_NOT_FOUND', 'No such customer.');
    return { customerId, technician: row.preferred_technician_id && row.preferred_technician_name ? { id: row.preferred_technician_id, name: row.preferred_technician_name } : null };
  }

  async setPreferredTechnician(companyId: string, customerId: string, technicianId: string | null) {
    if (!(await customerRepo.findCustomer(this.ctx.db, companyId, customerId))) throw notFound('CUSTOMER_NOT_FOUND', 'No such customer.');
    if (technicianId !== null) {
      const [technician] = await schedulingRepo.listActiveTechnicians(this.ctx.db, companyId, [technicianId]);
      if (!technician) throw invalidField('technicianId', 'is not an active technician of this company');
    }
    await repo.setPreferredTechnician(this.ctx.db, companyId, customerId, technicianId, this.ctx.clock.now().toISOString());
    return this.preferredTechnician(companyId, customerId);
  }

  // ---------------------------------------------------------------- ranking

  /**
   * Every active technician (or the ones named) ranked for a job's visit in a window, with reasons.
   * `excludeAppointmentId`: the visit being placed, which must not count against its own technician.
   */
  async rank(db: Executor, job: JobForRanking, window: Interval, options: { excludeAppointmentId?: string | null; technicianIds?: readonly string[]; config?: DispatchRules } = {}): Promise<RankedCandidate[]> {
    const companyId = job.company_id;
    const exclude = options.excludeAppointmentId ?? null;
    const [visit, config, calendars, territories, assignments, preference, last] = await Promise.all([
      this.visitContext(db, job),
      options.config ?? this.rules(companyId, db),
      loadCalendars(db, companyId, window, options.technicianIds),
      schedulingRepo.listTerritories(db, companyId),
      schedulingRepo.listTerritoryAssignments(db, companyId),
      repo.findCustomerPreference(db, companyId, job.customer_id),
      repo.findLastTechnician(db, companyId, job.customer_id),
    ]);
    const territoryById = new Map(territories.map((t) => [t.id, { name: t.name, ...toTerritory(t) }]));
    const day = DateTime.fromMillis(window.start, { zone: visit.timezone }).startOf('day');
    const dayStart = day.toMillis();
    const dayEnd = day.plus({ days: 1 }).toMillis();
    const candidates = calendars.calendars.map((calendar): AssignmentCandidate => {
      const sameDay = calendar.visits.filter((v) => v.id !== exclude && v.windowStart >= dayStart && v.windowStart < dayEnd);
      // Availability's own qualification is left to the rules, so a dispatcher also sees who falls outside them and why.
      const fit = fitsWindow(unqualified(calendar, visit.request), visit.request, window, { timezone: visit.timezone, bufferMinutes: visit.bufferMinutes }, exclude);
      return {
        technicianId: calendar.id,
        name: calendars.names.get(calendar.id) ?? '',
        skills: calendar.skills,
        territories: assignments.filter((a) => a.technician_id === calendar.id).flatMap((a) => territoryById.get(a.territory_id) ?? []),
        fit: fit && { plannedArrival: fit.plannedArrival, addedTravelSeconds: fit.addedTravelSeconds },
        visitsThatDay: sameDay.length,
        bookedMinutesThatDay: sameDay.reduce((sum, v) => sum + v.durationMinutes, 0),
      };
    });
    return rankCandidates(
      candidates,
      {
        requiredSkills: visit.request.requiredSkills,
        postalCode: visit.request.postalCode,
        point: visit.request.place.point,
        priority: job.priority,
        slaDueAt: job.sla_due_at ? Date.parse(job.sla_due_at) : null,
        preferredTechnicianId: preference?.preferred_technician_id ?? null,
        lastTechnician: last?.technician_id && last.completed_at ? { id: last.technician_id, at: Date.parse(last.completed_at) } : null,
        timezone: visit.timezone,
      },
      config,
    );
  }

  /** The booking's choice among the technicians who still fit under its locks (scheduling.placementFor). */
  async chooseForBooking(trx: Trx, job: JobRow, window: Interval, current: AppointmentRow | undefined, fitting: readonly WindowCandidate[]): Promise<TechnicianChoice> {
    const config = await this.rules(job.company_id, trx);
    const fallback = { technicianId: fitting[0]!.technicianId, assignment: { method: 'auto' as const, reason: 'Fits the window with the least added driving' } };
    if (!config.autoAssignBookings || fitting.length === 0) return fallback;
    const ids = new Set(fitting.map((c) => c.technicianId));
    const ranked = await this.rank(trx, job, window, { excludeAppointmentId: current?.id ?? null, technicianIds: [...ids], config });
    const best = ranked.find((r) => r.eligible && ids.has(r.technicianId));
    return best ? { technicianId: best.technicianId, assignment: { method: 'auto', reason: best.reason } } : fallback;
  }

  // ---------------------------------------------------------------- suggestions and auto-assignment

  /** The technicians for a job's visit, ranked by the rules: in the window asked for, its current window, or the first one free. */
  async suggestions(companyId: string, jobId: string, query: { windowStart?: string; windowEnd?: string }) {
    const job = await jobsRepo.findJob(this.ctx.db, companyId, jobId);
    if (!job) throw notFound('JOB_NOT_FOUND', 'No such job.');
    const current = job.current_appointment_id ? await jobsRepo.findAppointment(this.ctx.db, companyId, job.current_appointment_id) : undefined;
    const proposed = parseWindow(query);
    let window: { start: number; end: number; source: 'current' | 'proposed' | 'first_available' } | null = null;
    if (proposed) window = { ...proposed, source: 'proposed' };
    else if (current) window = { start: Date.parse(current.window_start), end: Date.parse(current.window_end), source: 'current' };
    else if (job.status === 'created') {
      const first = await this.firstWindow(job).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NO_TECHNICIAN_AVAILABLE') return null;
        throw error;
      });
      if (first) window = { ...first, source: 'first_available' };
    }
    const candidates = window ? await this.rank(this.ctx.db, job, window, { excludeAppointmentId: current?.id ?? null }) : [];
    const person = async (id: string | null | undefined) => {
      if (!id) return null;
      const user = await repo.findUserName(this.ctx.db, companyId, id);
      return user ? { id, name: user.name } : null;
    };
    return {
      window: window && { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), source: window.source },
      priority: job.priority,
      slaDueAt: job.sla_due_at,
      current: current
        ? {
            technician: await person(current.technician_id),
            method: current.assignment_method ?? null,
            reason: current.assignment_reason ?? null,
            assignedBy: await person(current.assigned_by),
          }
        : null,
      candidates,
    };
  }

  /**
   * Gives a job without a visit a window and the best technician for it: the window asked for, or the
   * first one someone can take — inside the customer's preferred windows when they gave some, and
   * the soonest when the priority/SLA rule applies.
   */
  async autoAssign(actor: ActorRef, companyId: string, jobId: string, input: { windowStart?: string; windowEnd?: string }) {
    const job = await jobsRepo.findJob(this.ctx.db, companyId, jobId);
    if (!job) throw notFound('JOB_NOT_FOUND', 'No such job.');
    if (job.status !== 'created') throw conflict('ALREADY_SCHEDULED', 'The job already has a visit; reassign its technician instead.', { currentStatus: job.status });
    const config = await this.rules(companyId);
    const window = parseWindow(input) ?? (await this.firstWindow(job, config));
    const events = await this.ctx.db.transaction().execute(async (trx) => {
      const locked = await jobsRepo.findJobForChange(trx, this.ctx.dbKind, companyId, jobId);
      if (!locked) throw notFound('JOB_NOT_FOUND', 'No such job.');
      return this.deps.jobs.scheduleInTransaction(
        trx,
        actor,
        locked,
        { windowStart: new Date(window.start).toISOString(), windowEnd: new Date(window.end).toISOString() },
        { chooseTechnician: (inner, lockedJob) => this.chooseUnderLock(inner, lockedJob, window, config) },
      );
    });
    await this.ctx.bus.publish(events);
    return this.deps.jobs.staffView(companyId, jobId);
  }

  /** Ranks, locks the eligible technicians, and ranks again with what is committed now: two auto-assignments never share a slot. */
  private async chooseUnderLock(trx: Trx, job: JobRow, window: Interval, config: DispatchRules): Promise<TechnicianChoice> {
    const before = (await this.rank(trx, job, window, { config })).filter((r) => r.eligible);
    if (before.length === 0) throw noTechnician(window);
    await schedulingRepo.lockTechnicians(trx, this.ctx.dbKind, job.company_id, before.map((r) => r.technicianId));
    const best = (await this.rank(trx, job, window, { config, technicianIds: before.map((r) => r.technicianId) })).find((r) => r.eligible);
    if (!best) throw noTechnician(window);
    return { technicianId: best.technicianId, assignment: { method: 'auto', reason: best.reason } };
  }

  /** The first window within AUTO_ASSIGN_DAYS that a technician who meets the rules can take. */
  private async firstWindow(job: JobRow, config?: DispatchRules): Promise<Interval> {
    const rules = config ?? (await this.rules(job.company_id));
    const visit = await this.visitContext(this.ctx.db, job);
    const now = this.ctx.clock.now().getTime();
    const today = DateTime.fromMillis(now, { zone: visit.timezone }).startOf('day');
    const { calendars } = await loadCalendars(this.ctx.db, job.company_id, { start: now, end: now + (AUTO_ASSIGN_DAYS + 1) * DAY });
    const enabled = (key: RuleKey) => rules.rules.find((r) => r.key === key && r.enabled);
    const territory = enabled('territory');
    // Availability qualifies by skills and territory; rules that are off (or only a preference) must not hide anyone.
    const pool = calendars.map((c) => ({
      ...c,
      skills: enabled('skills') ? c.skills : [...c.skills, ...visit.request.requiredSkills],
      territories: territory && territory.mode !== 'prefer' ? c.territories : [],
    }));
    const windows = computeAvailability(pool, visit.request, {
      timezone: visit.timezone,
      fromDate: today.toISODate()!,
      toDate: today.plus({ days: AUTO_ASSIGN_DAYS - 1 }).toISODate()!,
      windowMinutes: visit.windowMinutes,
      bufferMinutes: visit.bufferMinutes,
      earliestStart: now,
      latestStart: Number.POSITIVE_INFINITY,
    });
    if (windows.length === 0) throw noTechnician(null);
    const urgent = rules.rules.some((r) => r.key === 'priority_sla' && r.enabled && (r.priorities ?? []).includes(job.priority));
    if (!urgent) {
      for (const preferred of JSON.parse(job.preferred_windows) as { start: string; end: string }[]) {
        const match = windows.find((w) => w.start < Date.parse(preferred.end) && w.end > Date.parse(preferred.start));
        if (match) return { start: match.start, end: match.end };
      }
    }
    return { start: windows[0]!.start, end: windows[0]!.end };
  }

  private async visitContext(db: Executor, job: JobForRanking): Promise<{ timezone: string; bufferMinutes: number; windowMinutes: number; request: VisitRequest }> {
    const [company, category, location, policy] = await Promise.all([
      companies.findCompany(db, job.company_id),
      this.deps.categories.find(job.company_id, job.category_id, db),
      customerRepo.findLocation(db, job.company_id, job.location_id),
      schedulingRepo.findBookingPolicy(db, job.company_id),
    ]);
    if (!company || !location) throw notFound('JOB_NOT_FOUND', 'No such job.');
    const booking = toBookingPolicy(policy);
    return {
      timezone: company.timezone,
      bufferMinutes: booking.bufferMinutes,
      windowMinutes: booking.windowMinutes,
      request: {
        durationMinutes: category?.defaultDurationMinutes ?? 60,
        requiredSkills: category?.requiredSkills ?? [],
        place: { id: location.id, point: location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : null },
        postalCode: location.postal_code,
      },
    };
  }
}

/** A calendar that availability's own qualification lets through, so the rules alone decide who is eligible. */
const unqualified = (calendar: TechnicianCalendar, request: VisitRequest): TechnicianCalendar => ({ ...calendar, skills: [...calendar.skills, ...request.requiredSkills], territories: [] });

function parseWindow(input: { windowStart?: string; windowEnd?: string }): Interval | null {
  if (input.windowStart === undefined && input.windowEnd === undefined) return null;
  if (input.windowStart === undefined) throw invalidField('windowStart', 'is required with windowEnd');
  if (input.windowEnd === undefined) throw invalidField('windowEnd', 'is required with windowStart');
  const start = Date.parse(input.windowStart);
  const end = Date.parse(input.windowEnd);
  if (end <= start) throw invalidField('windowEnd', 'must be after the start');
  if (end - start > DAY) throw invalidField('windowEnd', 'must be within a day of the start');
  return { start, end };
}

function noTechnician(window: Interval | null) {
  return conflict(
    'NO_TECHNICIAN_AVAILABLE',
    window ? 'No technician who meets the dispatch rules can take the job in that window.' : `No technician who meets the dispatch rules can take the job in the next ${AUTO_ASSIGN_DAYS} days.`,
    window ? { windowStart: new Date(window.start).toISOString(), windowEnd: new Date(window.end).toISOString() } : undefined,
  );
}
