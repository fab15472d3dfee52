import { DateTime } from 'luxon';
import type { AppContext } from '../../context.js';
import type { Executor, Trx } from '../../db/database.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { MINUTE } from '../../lib/clock.js';
import { type ActorRef, type CustomerPrincipal, type Principal, type StaffPrincipal } from '../accounts/principal.js';
import * as companies from '../companies/companies.repository.js';
import * as customerRepo from '../customers/customers.repository.js';
import { formatAddress } from '../customers/customers.service.js';
import type { JobSourcesService } from '../integrations/job-sources.service.js';
import type { JobsService, VisitPlacement } from '../jobs/jobs.service.js';
import type { JobStatus } from '../jobs/job-state-machine.js';
import { computeAvailability, fitsWindow, type Interval, type VisitRequest, type WindowCandidate } from '../scheduling/availability.js';
import { toBookingPolicy, type BookingPolicy } from '../scheduling/booking-policy.js';
import { findBookingPolicy, lockTechnicians } from '../scheduling/scheduling.repository.js';
import { loadCalendars } from '../scheduling/technician-calendars.js';
import type { ServiceCategoriesService } from '../service-categories/service-categories.service.js';
import type { TechniciansService } from '../technicians/technicians.service.js';
import {
  addDays,
  describeRule,
  endOf,
  formatRule,
  FREQUENCY_CHOICES,
  frequencyOf,
  isOccurrence,
  isValidDate,
  localToday,
  MAX_INTERVAL,
  occurrencesFrom,
  parseRule,
  RuleError,
  ruleLineFor,
  serialiseRule,
  type Frequency,
  type ParsedRule,
} from './plan-rules.js';
import * as repo from './service-plans.repository.js';
import type { OccurrenceRow, PreferredTimeOfDay, ServicePlanRow, ServicePlanStatus } from './service-plans.table.js';

/** Visits are generated this far ahead (and always the next one, however far it is). */
export const GENERATION_HORIZON_DAYS = 60;
/** How many days after its date an occurrence looks for a free window before it is left for dispatch. */
export const WINDOW_SEARCH_DAYS = 14;
/** Upcoming visits listed per plan. */
const UPCOMING_LISTED = 6;
/** A generated visit that has not begun: it may be withdrawn or skipped. */
const NOT_STARTED: readonly JobStatus[] = ['created', 'scheduled', 'rescheduled'];
/** Windows tried in turn when the first one is taken while booking. */
const WINDOWS_TRIED = 5;

export interface PlanInput {
  customerId: string;
  locationId: string;
  categoryId: string;
  name?: string;
  frequency?: Frequency;
  rrule?: string;
  startDate: string;
  endDate?: string | null;
  count?: number | null;
  preferredTimeOfDay?: PreferredTimeOfDay | null;
  preferredTechnicianId?: string | null;
  notes?: string;
}

export interface PlanPatch {
  planId: string;
  name?: string;
  locationId?: string;
  frequency?: Frequency;
  rrule?: string;
  startDate?: string;
  endDate?: string | null;
  count?: number | null;
  preferredTimeOfDay?: PreferredTimeOfDay | null;
  preferredTechnicianId?: string | null;
  notes?: string;
}

type Actor = (StaffPrincipal | CustomerPrincipal | { role: 'anonymous'; companyId: string }) & { companyId: string };
type VisitState = 'booked' | 'unscheduled' | 'in_progress' | 'completed' | 'cancelled' | 'skipped' | 'planned';

/** Thrown inside a cancellation's transaction when, under the lock, the visit turns out to be kept. */
class KeepVisit extends Error {}

const PLAN_ACTOR = (plan: { name: string }): ActorRef => ({ kind: 'system', id: null, name: `Service plan: ${plan.name}` });

/**
 * Recurring service plans (docs/service-plans.md): a rule, and the visits it generates ahead as
 * real jobs booked through availability. Every change to a plan runs in a transaction that locks
 * the plan; every visit withdrawn or skipped is cancelled through the jobs module in the same
 * transaction that marks its occurrence, so a job and its occurrence never disagree. The generator
 * also withdraws what a change left behind, so an interrupted change converges on the next pass.
 */
export class ServicePlansService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; sources: JobSourcesService; categories: ServiceCategoriesService; technicians: TechniciansService },
  ) {}

  private now() {
    return this.ctx.clock.now();
  }

  // ---------------------------------------------------------------- views

  /** The console's list: every plan of the company (or one customer's), each with its upcoming visits. */
  async list(companyId: string, filter: repo.PlanListFilter = {}) {
    const rows = await repo.listPlans(this.ctx.db, companyId, filter);
    return { items: await this.views(companyId, rows), frequencyChoices: FREQUENCY_CHOICES };
  }

  /** A signed-in customer's plans. */
  async listForCustomer(principal: CustomerPrincipal) {
    const rows = await repo.listPlans(this.ctx.db, principal.companyId, { customerId: principal.customerId });
    return { items: await this.views(principal.companyId, rows), frequencyChoices: FREQUENCY_CHOICES };
  }

  async view(companyId: string, planId: string) {
    const rows = await repo.listPlans(this.ctx.db, companyId, { planId });
    if (rows.length === 0) throw notFound('SERVICE_PLAN_NOT_FOUND', 'No such service plan.');
    return (await this.views(companyId, rows))[0]!;
  }

  private async views(companyId: string, rows: repo.PlanSummaryRow[]) {
    if (rows.length === 0) return [];
    const timezone = await this.timezone(companyId);
    const today = localToday(this.now(), timezone);
    const occurrences = await repo.listOccurrences(
      this.ctx.db,
      companyId,
      rows.map((r) => r.id),
      addDays(today, -GENERATION_HORIZON_DAYS),
    );
    return rows.map((row) => {
      const rule = parseStored(row.rrule, timezone);
      const own = occurrences.filter((o) => o.plan_id === row.id);
      const upcoming = this.upcoming(row, rule, own, today);
      return {
        id: row.id,
        name: row.name,
        status: row.status,
        customer: { id: row.customer_id, name: row.customer_name },
        location: { id: row.location_id, label: row.location_label, address: formatAddress({ line1: row.location_line1, line2: row.location_line2, city: row.location_city, postal_code: row.location_postal_code }) },
        category: { id: row.category_id, name: row.category_name },
        rrule: row.rrule,
        frequency: frequencyOf(rule),
        frequencyText: describeRule(rule),
        startDate: rule.startDate,
        ...endOf(rule),
        timezone,
        preferredTimeOfDay: row.preferred_time_of_day,
        preferredTechnician: row.preferred_technician_id ? { id: row.preferred_technician_id, name: row.technician_name ?? '' } : null,
        notes: row.notes,
        suspendedAt: row.suspended_at,
        statusChangedBy: row.status_changed_by,
        statusReason: row.status_reason,
        nextVisit: upcoming.find((v) => v.state !== 'skipped' && v.state !== 'cancelled') ?? null,
        upcoming,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  /** Generated visits still ahead (or under way), skipped dates, then dates the rule will bring, up to UPCOMING_LISTED. */
  private upcoming(plan: ServicePlanRow, rule: ParsedRule, occurrences: repo.OccurrenceViewRow[], today: string) {
    const visits: {
      date: string;
      state: VisitState;
      jobId: string | null;
      jobReference: string | null;
      windowStart: string | null;
      windowEnd: string | null;
      technicianName: string | null;
      reason: string | null;
    }[] = [];
    const known = new Set<string>();
    for (const o of occurrences) {
      known.add(o.occurrence_date);
      if (o.status === 'cancelled') continue;
      const jobStatus = o.job_status as JobStatus | null;
      const open = jobStatus !== null && !['completed', 'cancelled'].includes(jobStatus);
      const ahead = (o.window_start ? o.window_start.slice(0, 10) : o.occurrence_date) >= today || o.occurrence_date >= today;
      if (!open && !ahead) continue;
      visits.push({
        date: o.occurrence_date,
        state: o.status === 'skipped' ? 'skipped' : visitState(jobStatus),
        jobId: o.job_id,
        jobReference: o.job_reference,
        windowStart: o.window_start,
        windowEnd: o.window_end,
        technicianName: o.technician_name,
        reason: o.reason,
      });
    }
    if (plan.status === 'active') {
      const from = plan.generate_from > today ? plan.generate_from : today;
      for (const date of occurrencesFrom(rule, from, UPCOMING_LISTED)) {
        if (known.has(date)) continue;
        visits.push({ date, state: 'planned', jobId: null, jobReference: null, windowStart: null, windowEnd: null, technicianName: null, reason: null });
      }
    }
    return visits.sort((a, b) => a.date.localeCompare(b.date)).slice(0, UPCOMING_LISTED);
  }

  // ---------------------------------------------------------------- staff: create and edit

  async create(staff: StaffPrincipal, input: PlanInput) {
    const timezone = await this.timezone(staff.companyId);
    const customer = await customerRepo.findCustomer(this.ctx.db, staff.companyId, input.customerId);
    if (!customer) throw invalidField('customerId', 'is not a customer of this company');
    await this.checkLocation(staff.companyId, input.customerId, input.locationId);
    const category = await this.deps.categories.find(staff.companyId, input.categoryId);
    if (!category || !category.active) throw invalidField('categoryId', 'is not a service category of this company');
    if (input.preferredTechnicianId) await this.checkTechnician(staff.companyId, input.preferredTechnicianId);
    const rrule = this.ruleFrom({ ...input, timezone });
    const now = this.now().toISOString();
    const plan: ServicePlanRow = {
      id: newId(),
      company_id: staff.companyId,
      customer_id: input.customerId,
      location_id: input.locationId,
      category_id: input.categoryId,
      name: input.name?.trim() || category.name,
      rrule,
      status: 'active',
      preferred_time_of_day: input.preferredTimeOfDay ?? null,
      preferred_technician_id: input.preferredTechnicianId ?? null,
      notes: input.notes?.trim() ?? '',
      generate_from: localToday(this.now(), timezone),
      suspended_at: null,
      status_changed_by: null,
      status_reason: null,
      created_by: staff.userId,
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.transaction().execute((trx) => repo.insertPlan(trx, plan));
    await this.generateQuietly(staff.companyId, plan.id);
    return this.view(staff.companyId, plan.id);
  }

  /** Staff edit a plan; a new rule re-plans the visits ahead that no longer match it. */
  async update(staff: StaffPrincipal, patch: PlanPatch) {
    const timezone = await this.timezone(staff.companyId);
    const current = await this.requirePlan(staff.companyId, patch.planId);
    if (patch.locationId !== undefined) await this.checkLocation(staff.companyId, current.customer_id, patch.locationId);
    if (patch.preferredTechnicianId) await this.checkTechnician(staff.companyId, patch.preferredTechnicianId);
    const ruleTouched = patch.frequency !== undefined || patch.rrule !== undefined || patch.startDate !== undefined || patch.endDate !== undefined || patch.count !== undefined;
    let rrule: string | undefined;
    if (ruleTouched) {
      const stored = parseStored(current.rrule, timezone);
      const end = endOf(stored);
      const frequency = patch.frequency ?? (patch.rrule === undefined ? (frequencyOf(stored) ?? undefined) : undefined);
      rrule = this.ruleFrom({
        frequency,
        rrule: patch.rrule ?? (frequency ? undefined : current.rrule.split('\n').find((line) => line.startsWith('RRULE:'))),
        startDate: patch.startDate ?? stored.startDate,
        endDate: patch.endDate !== undefined ? patch.endDate : end.endDate,
        count: patch.count !== undefined ? patch.count : end.count,
        timezone,
      });
    }
    await this.changePlan(staff, patch.planId, (plan) => ({
      ...(patch.name !== undefined && { name: patch.name.trim() || plan.name }),
      ...(patch.locationId !== undefined && { location_id: patch.locationId }),
      ...(patch.preferredTimeOfDay !== undefined && { preferred_time_of_day: patch.preferredTimeOfDay }),
      ...(patch.preferredTechnicianId !== undefined && { preferred_technician_id: patch.preferredTechnicianId }),
      ...(patch.notes !== undefined && { notes: patch.notes.trim() }),
      ...(rrule !== undefined && rrule !== plan.rrule && { rrule, generate_from: localToday(this.now(), timezone) }),
    }));
    if (rrule !== undefined) await this.withdraw(staff, patch.planId, 'The service plan changed: this visit is no longer part of it.');
    await this.generateQuietly(staff.companyId, patch.planId);
    return this.view(staff.companyId, patch.planId);
  }

  /** Ends the plan for good: nothing more is generated; visits ahead that have not begun are cancelled. */
  async end(staff: StaffPrincipal, input: { planId: string; reason?: string }) {
    await this.changePlan(staff, input.planId, (plan) => {
      if (plan.status === 'ended') return {};
      return { status: 'ended', status_changed_by: staff.name, status_reason: input.reason?.trim() || null };
    });
    await this.withdraw(staff, input.planId, withReason('The service plan ended.', input.reason));
    return this.view(staff.companyId, input.planId);
  }

  // ---------------------------------------------------------------- staff and customers

  /** The customer (or the office for them) picks another frequency; the start date stays the anchor. */
  async changeFrequency(principal: StaffPrincipal | CustomerPrincipal, input: { planId: string; frequency: Frequency }) {
    const plan = await this.requirePlan(principal.companyId, input.planId, customerOf(principal));
    if (principal.role !== 'dispatcher' && principal.role !== 'admin' && !FREQUENCY_CHOICES.some((c) => c.every === input.frequency.every && c.unit === input.frequency.unit)) {
      throw invalidField('frequency', 'is not one of the frequencies offered');
    }
    if (plan.status === 'ended') throw conflict('PLAN_ENDED', 'This service plan has ended.');
    const timezone = await this.timezone(principal.companyId);
    const stored = parseStored(plan.rrule, timezone);
    const rrule = this.ruleFrom({ frequency: input.frequency, startDate: stored.startDate, ...endOf(stored), timezone });
    await this.changePlan(principal, input.planId, (current) => (rrule === current.rrule ? {} : { rrule, generate_from: localToday(this.now(), timezone) }));
    await this.withdraw(principal, input.planId, `The service plan now repeats ${describeRule(parseStored(rrule, timezone)).toLowerCase()}: this visit is no longer part of it.`);
    await this.generateQuietly(principal.companyId, input.planId);
    return this.view(principal.companyId, input.planId);
  }

  /**
   * Skips one upcoming date: its visit (if generated) is cancelled with the reason on its timeline,
   * and the date is remembered as skipped, so it is never generated again.
   */
  async skip(principal: StaffPrincipal | CustomerPrincipal, input: { planId: string; date: string; reason?: string }) {
    const plan = await this.requirePlan(principal.companyId, input.planId, customerOf(principal));
    const timezone = await this.timezone(principal.companyId);
    const today = localToday(this.now(), timezone);
    const rule = parseStored(plan.rrule, timezone);
    if (!isValidDate(input.date)) throw invalidField('date', 'is not a date (YYYY-MM-DD)');
    const occurrence = await repo.findOccurrence(this.ctx.db, plan.id, input.date);
    const generated = occurrence?.status === 'generated' && occurrence.job_id ? occurrence : undefined;
    if (!generated && (input.date < today || !isOccurrence(rule, input.date) || plan.status !== 'active')) throw invalidField('date', 'is not an upcoming visit of this plan');
    if (occurrence?.status === 'skipped') throw conflict('VISIT_ALREADY_SKIPPED', 'This visit is already skipped.');
    const who = principal.role === 'dispatcher' || principal.role === 'admin' ? 'the office' : principal.name;
    const reason = withReason(`Visit of the service plan "${plan.name}" skipped by ${who}.`, input.reason);
    if (generated) {
      const cancelled = await this.cancelVisit(principal, generated, reason, { status: 'skipped', respectCutoff: !isOffice(principal), keepIf: () => false });
      if (!cancelled) throw conflict('VISIT_NOT_SKIPPABLE', 'This visit has already begun or is closed; it can no longer be skipped.');
    } else {
      await this.ctx.db.transaction().execute(async (trx) => {
        await repo.findPlanForChange(trx, this.ctx.dbKind, plan.company_id, plan.id);
        const again = await repo.findOccurrence(trx, plan.id, input.date);
        const now = this.now().toISOString();
        if (again?.status === 'generated') throw conflict('PLAN_CHANGED', 'The visit was just booked; reload and try again.');
        if (again) await repo.updateOccurrence(trx, again.id, { status: 'skipped', reason, updated_at: now });
        else await repo.insertOccurrence(trx, { id: newId(), company_id: plan.company_id, plan_id: plan.id, occurrence_date: input.date, status: 'skipped', job_id: null, reason, created_at: now, updated_at: now });
      });
    }
    // The next visit takes its place in the list (and is booked if it is now the next one).
    await this.generateQuietly(principal.companyId, plan.id);
    return this.view(principal.companyId, plan.id);
  }

  /** Pauses the plan: nothing more is generated, and visits ahead that have not begun are cancelled. */
  async suspend(principal: StaffPrincipal | CustomerPrincipal, input: { planId: string; reason?: string }) {
    const plan = await this.requirePlan(principal.companyId, input.planId, customerOf(principal));
    if (plan.status === 'ended') throw conflict('PLAN_ENDED', 'This service plan has ended.');
    const who = isOffice(principal) ? principal.name : `${principal.name} (customer)`;
    await this.changePlan(principal, plan.id, (current) =>
      current.status === 'suspended' ? {} : { status: 'suspended', suspended_at: this.now().toISOString(), status_changed_by: who, status_reason: input.reason?.trim() || null },
    );
    await this.withdraw(principal, plan.id, withReason(`The service plan "${plan.name}" was suspended by ${isOffice(principal) ? 'the office' : principal.name}.`, input.reason));
    return this.view(principal.companyId, plan.id);
  }

  /** Resumes a suspended plan; generation starts again from today, never back-filling the pause. */
  async resume(principal: StaffPrincipal | CustomerPrincipal, input: { planId: string }) {
    const plan = await this.requirePlan(principal.companyId, input.planId, customerOf(principal));
    if (plan.status === 'ended') throw conflict('PLAN_ENDED', 'This service plan has ended.');
    const timezone = await this.timezone(principal.companyId);
    const who = isOffice(principal) ? principal.name : `${principal.name} (customer)`;
    await this.changePlan(principal, plan.id, (current) =>
      current.status === 'active' ? {} : { status: 'active', suspended_at: null, generate_from: localToday(this.now(), timezone), status_changed_by: who, status_reason: null },
    );
    await this.generateQuietly(principal.companyId, plan.id);
    return this.view(principal.companyId, plan.id);
  }

  // ---------------------------------------------------------------- generation

  /** One pass over every plan (the background worker's round); returns how many visits it generated. */
  async generateAll(): Promise<number> {
    let created = 0;
    for (const plan of await repo.listPlanIdsToGenerate(this.ctx.db, 10_000)) {
      try {
        created += await this.generatePlan(plan.company_id, plan.id);
      } catch (error) {
        this.ctx.logger.error({ err: error, planId: plan.id }, 'service plan generation failed for one plan');
      }
    }
    return created;
  }

  /**
   * Brings one plan's visits in line with its rule: withdraws visits ahead that no longer belong
   * (left by an interrupted change), then generates the occurrences inside the horizon, and the
   * next one whatever its distance. Idempotent: an occurrence already generated or skipped is left alone.
   */
  async generatePlan(companyId: string, planId: string): Promise<number> {
    const plan = await repo.findPlan(this.ctx.db, companyId, planId);
    if (!plan) return 0;
    await this.withdraw({ role: 'anonymous', companyId }, planId, 'The service plan changed: this visit is no longer part of it.');
    if (plan.status !== 'active') return 0;
    const timezone = await this.timezone(companyId);
    const today = localToday(this.now(), timezone);
    const rule = parseStored(plan.rrule, timezone);
    const from = plan.generate_from > today ? plan.generate_from : today;
    const existing = new Map((await repo.listOccurrences(this.ctx.db, companyId, [planId], from)).map((o) => [o.occurrence_date, o.status]));
    const horizonEnd = addDays(today, GENERATION_HORIZON_DAYS);
    const wanted: string[] = [];
    let hasNext = false;
    for (const date of occurrencesFrom(rule, from, 400)) {
      const status = existing.get(date);
      if (date > horizonEnd && hasNext) break;
      if (status !== 'skipped') hasNext = true;
      if (status === undefined || status === 'cancelled') wanted.push(date);
    }
    if (!hasNext && occurrencesFrom(rule, from, 1).length === 0) {
      // The rule ran out (an end date or a count): the plan is over.
      await this.changePlan({ role: 'anonymous', companyId }, planId, (current) => (current.status === 'active' ? { status: 'ended', status_changed_by: 'Arrivo', status_reason: 'The last visit of the plan is behind us.' } : {}));
      return 0;
    }
    let created = 0;
    for (const date of wanted) if (await this.generateOccurrence(companyId, planId, date)) created++;
    return created;
  }

  /** Creates the job of one occurrence and books it into the first free window on or after its date. */
  private async generateOccurrence(companyId: string, planId: string, date: string): Promise<boolean> {
    const plan = await repo.findPlan(this.ctx.db, companyId, planId);
    if (!plan) return false;
    const [timezone, policy, source, request] = await Promise.all([
      this.timezone(companyId),
      this.policy(companyId),
      this.deps.sources.requireByKind(companyId, 'company'),
      this.visitRequest(this.ctx.db, plan),
    ]);
    const windows = await this.candidateWindows(plan, date, { timezone, policy, request });
    const events = await this.ctx.db.transaction().execute(async (trx) => {
      const locked = await repo.findPlanForChange(trx, this.ctx.dbKind, companyId, planId);
      if (!locked || locked.status !== 'active' || date < locked.generate_from) return null;
      const rule = parseStored(locked.rrule, timezone);
      if (!isOccurrence(rule, date)) return null;
      const occurrence = await repo.findOccurrence(trx, planId, date);
      if (occurrence && occurrence.status !== 'cancelled') return null;
      const contacts = await repo.listContactIds(trx, companyId, locked.customer_id);
      const actor = PLAN_ACTOR(locked);
      const { job, events } = await this.deps.jobs.createInTransaction(trx, companyId, actor, {
        customerId: locked.customer_id,
        locationId: locked.location_id,
        categoryId: locked.category_id,
        sourceId: source.id,
        priority: 'normal',
        description: [`${locked.name} — ${describeRule(rule).toLowerCase()} (service plan visit of ${date})`, locked.notes].filter(Boolean).join('\n'),
        contactIds: (contacts.find((c) => c.role === 'admin') ?? contacts[0]) ? [(contacts.find((c) => c.role === 'admin') ?? contacts[0])!.id] : [],
        notificationsEnabled: true,
        preferredWindows: [],
      });
      await repo.linkJobToPlan(trx, companyId, job.id, planId);
      for (const window of windows) {
        try {
          events.push(...(await this.deps.jobs.scheduleInTransaction(trx, actor, job, { windowStart: new Date(window.start).toISOString(), windowEnd: new Date(window.end).toISOString() }, this.placement(locked, window, { timezone, policy, request }))));
          break;
        } catch (error) {
          // Taken since we looked: try the next window; with none left the job waits for dispatch.
          if (!(error instanceof AppError) || error.code !== 'SLOT_TAKEN') throw error;
        }
      }
      const now = this.now().toISOString();
      if (occurrence) {
        if (!(await repo.updateOccurrenceIfStatus(trx, occurrence.id, 'cancelled', { status: 'generated', job_id: job.id, reason: null, updated_at: now }))) throw conflict('PLAN_CHANGED', 'The occurrence changed meanwhile.');
      } else {
        await repo.insertOccurrence(trx, { id: newId(), company_id: companyId, plan_id: planId, occurrence_date: date, status: 'generated', job_id: job.id, reason: null, created_at: now, updated_at: now });
      }
      return events;
    });
    if (!events) return false;
    await this.ctx.bus.publish(events);
    return true;
  }

  /** Windows on or after the occurrence's date, as a customer booking would see them, the plan's preferences first. */
  private async candidateWindows(plan: ServicePlanRow, date: string, visit: { timezone: string; policy: BookingPolicy; request: VisitRequest }) {
    const now = this.now().getTime();
    const toDate = addDays(date, WINDOW_SEARCH_DAYS - 1);
    const start = DateTime.fromISO(date, { zone: visit.timezone }).startOf('day').toMillis();
    const end = DateTime.fromISO(toDate, { zone: visit.timezone }).plus({ days: 1 }).startOf('day').toMillis();
    const { calendars } = await loadCalendars(this.ctx.db, plan.company_id, { start, end });
    const windows = computeAvailability(calendars, visit.request, {
      timezone: visit.timezone,
      fromDate: date,
      toDate,
      windowMinutes: visit.policy.windowMinutes,
      bufferMinutes: visit.policy.bufferMinutes,
      earliestStart: now + visit.policy.leadTimeMinutes * MINUTE,
      latestStart: Number.POSITIVE_INFINITY,
    });
    const hour = (w: Interval) => DateTime.fromMillis(w.start, { zone: visit.timezone }).hour;
    const byTime = plan.preferred_time_of_day ? windows.filter((w) => (plan.preferred_time_of_day === 'morning' ? hour(w) < 12 : hour(w) >= 12)) : windows;
    let pool = byTime.length > 0 ? byTime : windows;
    if (plan.preferred_technician_id) {
      // Their technician within a week of the date, if they can come; anyone otherwise.
      const weekEnd = DateTime.fromISO(addDays(date, 7), { zone: visit.timezone }).toMillis();
      const theirs = pool.filter((w) => w.start < weekEnd && w.candidates.some((c) => c.technicianId === plan.preferred_technician_id));
      if (theirs.length > 0) pool = theirs;
    }
    return pool.slice(0, WINDOWS_TRIED).map((w) => ({ start: w.start, end: w.end }));
  }

  /** Like a customer's booking: lock the technicians who fit, re-check under the lock, take the best (their own technician first). */
  private placement(plan: ServicePlanRow, window: Interval, visit: { timezone: string; policy: BookingPolicy; request: VisitRequest }): VisitPlacement {
    return {
      chooseTechnician: async (trx: Trx) => {
        const fitting = async (ids?: string[]) => {
          const { calendars } = await loadCalendars(trx, plan.company_id, window, ids);
          return calendars
            .map((c) => fitsWindow(c, visit.request, window, { timezone: visit.timezone, bufferMinutes: visit.policy.bufferMinutes }))
            .filter((c): c is WindowCandidate => c !== null)
            .sort((a, b) => a.addedTravelSeconds - b.addedTravelSeconds || a.visitsThatDay - b.visitsThatDay || a.technicianId.localeCompare(b.technicianId));
        };
        const before = await fitting();
        if (before.length === 0) throw conflict('SLOT_TAKEN', 'This window was just taken.');
        await lockTechnicians(trx, this.ctx.dbKind, plan.company_id, before.map((c) => c.technicianId));
        const after = await fitting(before.map((c) => c.technicianId));
        if (after.length === 0) throw conflict('SLOT_TAKEN', 'This window was just taken.');
        return (after.find((c) => c.technicianId === plan.preferred_technician_id) ?? after[0]!).technicianId;
      },
    };
  }

  // ---------------------------------------------------------------- withdrawing visits

  /**
   * Cancels the generated visits ahead that the plan no longer wants (suspended or ended plan,
   * or a date the rule no longer gives), each in its own transaction with its occurrence.
   * Customers (and the background pass) cannot withdraw a visit past the cancellation cut-off: it
   * stays booked, as a cancellation from the job page would; the office can cancel it by hand.
   */
  private async withdraw(principal: Actor, planId: string, reason: string): Promise<number> {
    const timezone = await this.timezone(principal.companyId);
    const today = localToday(this.now(), timezone);
    const plan = await repo.findPlan(this.ctx.db, principal.companyId, planId);
    if (!plan) return 0;
    const candidates = (await repo.listOccurrences(this.ctx.db, principal.companyId, [planId], today)).filter(
      (o) => o.status === 'generated' && o.job_id && NOT_STARTED.includes(o.job_status as JobStatus) && !this.wanted(plan, parseStored(plan.rrule, timezone), o.occurrence_date),
    );
    let withdrawn = 0;
    for (const o of candidates) {
      const row = await repo.findOccurrenceOfJob(this.ctx.db, principal.companyId, o.job_id!);
      if (!row) continue;
      const done = await this.cancelVisit(principal, row, reason, {
        status: 'cancelled',
        // Customers cannot cancel that late online, and the background pass must not either: only the office may.
        respectCutoff: principal.role !== 'dispatcher' && principal.role !== 'admin',
        // Under the job's lock, with the plan as committed now: a change in between may want it again.
        keepIf: async (trx) => {
          const now = await repo.findPlan(trx, principal.companyId, planId);
          return !now || this.wanted(now, parseStored(now.rrule, timezone), row.occurrence_date);
        },
      });
      if (done) withdrawn++;
    }
    return withdrawn;
  }

  private wanted(plan: ServicePlanRow, rule: ParsedRule, date: string) {
    return plan.status === 'active' && isOccurrence(rule, date);
  }

  /** Cancels one generated visit and marks its occurrence, in the jobs module's transaction; false when it was kept or had begun. */
  private async cancelVisit(principal: Actor, occurrence: OccurrenceRow, reason: string, options: { status: 'skipped' | 'cancelled'; respectCutoff: boolean; keepIf: (trx: Trx) => boolean | Promise<boolean> }): Promise<boolean> {
    try {
      await this.deps.jobs.cancel(principal as Principal & { companyId: string }, occurrence.job_id!, { reason }, async (trx, job, current) => {
        if (!NOT_STARTED.includes(job.status)) throw new KeepVisit();
        if (await options.keepIf(trx)) throw new KeepVisit();
        if (options.respectCutoff && current && job.status !== 'created') {
          const policy = await this.policy(job.company_id, trx);
          const cutoffAt = Date.parse(current.window_start) - policy.cancelCutoffMinutes * MINUTE;
          if (this.now().getTime() > cutoffAt) {
            if (options.status === 'skipped') {
              throw conflict('CANCEL_CUTOFF_PASSED', 'This visit is too close to be skipped online; please call us.', { cutoffAt: new Date(cutoffAt).toISOString(), windowStart: current.window_start });
            }
            throw new KeepVisit();
          }
        }
        const moved = await repo.updateOccurrenceIfStatus(trx, occurrence.id, 'generated', { status: options.status, reason, updated_at: this.now().toISOString() });
        if (!moved) throw new KeepVisit();
      });
      return true;
    } catch (error) {
      if (error instanceof KeepVisit) return false;
      throw error;
    }
  }

  // ---------------------------------------------------------------- internals

  /** Runs one change to a plan under its lock; `work` returns the columns to set (none: nothing to do). */
  private async changePlan(principal: Actor, planId: string, work: (plan: ServicePlanRow) => Partial<ServicePlanRow> & { status?: ServicePlanStatus }) {
    await this.ctx.db.transaction().execute(async (trx) => {
      const plan = await repo.findPlanForChange(trx, this.ctx.dbKind, principal.companyId, planId);
      if (!plan) throw notFound('SERVICE_PLAN_NOT_FOUND', 'No such service plan.');
      const patch = work(plan);
      if (Object.keys(patch).length === 0) return;
      await repo.updatePlan(trx, principal.companyId, planId, { ...patch, updated_at: this.now().toISOString() });
    });
  }

  /** Generation after a change must not fail the change the caller already committed: the worker retries. */
  private async generateQuietly(companyId: string, planId: string) {
    try {
      await this.generatePlan(companyId, planId);
    } catch (error) {
      this.ctx.logger.error({ err: error, planId }, 'service plan generation failed; the worker will retry');
    }
  }

  /** Someone else's plan (another company's, another customer's) is "not found". */
  private async requirePlan(companyId: string, planId: string, customerId?: string): Promise<ServicePlanRow> {
    const plan = await repo.findPlan(this.ctx.db, companyId, planId);
    if (!plan || (customerId !== undefined && plan.customer_id !== customerId)) throw notFound('SERVICE_PLAN_NOT_FOUND', 'No such service plan.');
    return plan;
  }

  /** The stored RFC 5545 text from a frequency or a typed rule; 400 naming the field otherwise. */
  private ruleFrom(input: { frequency?: Frequency | undefined; rrule?: string | undefined; startDate: string; endDate?: string | null; count?: number | null; timezone: string }): string {
    if (!isValidDate(input.startDate)) throw invalidField('startDate', 'is not a date (YYYY-MM-DD)');
    if (input.endDate && !isValidDate(input.endDate)) throw invalidField('endDate', 'is not a date (YYYY-MM-DD)');
    if (input.endDate && input.endDate < input.startDate) throw invalidField('endDate', 'must not be before the start date');
    if (input.endDate && input.count) throw invalidField('count', 'cannot be combined with an end date');
    if (input.frequency && input.rrule) throw invalidField('rrule', 'cannot be combined with a frequency: give one or the other');
    if (input.frequency) {
      if (input.frequency.every > MAX_INTERVAL[input.frequency.unit]) throw invalidField('frequency.every', `must be at most ${MAX_INTERVAL[input.frequency.unit]} for ${input.frequency.unit}s`);
      return formatRule({ startDate: input.startDate, timezone: input.timezone, line: ruleLineFor(input.frequency, input.startDate, input) });
    }
    if (!input.rrule) throw invalidField('frequency', 'is required (or an rrule)');
    try {
      const parsed = parseRule(input.rrule, { startDate: input.startDate, timezone: input.timezone });
      // An end given beside the rule wins over the rule's own UNTIL or COUNT.
      if (input.endDate !== undefined || input.count !== undefined) {
        parsed.options = { ...parsed.options, until: input.endDate ? new Date(`${input.endDate}T23:59:59.000Z`) : null, count: input.endDate ? null : (input.count ?? null) };
      }
      return serialiseRule(parsed);
    } catch (error) {
      if (error instanceof RuleError) throw invalidField('rrule', error.message);
      throw error;
    }
  }

  private async checkLocation(companyId: string, customerId: string, locationId: string) {
    const location = await customerRepo.findLocation(this.ctx.db, companyId, locationId);
    if (!location || location.customer_id !== customerId) throw invalidField('locationId', "is not one of this customer's locations");
  }

  private async checkTechnician(companyId: string, technicianId: string) {
    if (!(await this.deps.technicians.findActive(companyId, technicianId))) throw invalidField('preferredTechnicianId', 'is not an active technician of this company');
  }

  private async visitRequest(db: Executor, plan: ServicePlanRow): Promise<VisitRequest> {
    const [category, location] = await Promise.all([this.deps.categories.find(plan.company_id, plan.category_id, db), customerRepo.findLocation(db, plan.company_id, plan.location_id)]);
    return {
      durationMinutes: category?.defaultDurationMinutes ?? 60,
      requiredSkills: category?.requiredSkills ?? [],
      place: { id: plan.location_id, point: location && location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : null },
      postalCode: location?.postal_code ?? null,
    };
  }

  private async policy(companyId: string, db: Executor = this.ctx.db) {
    return toBookingPolicy(await findBookingPolicy(db, companyId));
  }

  private async timezone(companyId: string) {
    const company = await companies.findCompany(this.ctx.db, companyId);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    return company.timezone;
  }
}

/** Stored rules were validated when saved; reading one back cannot fail short of a hand-edited row. */
function parseStored(text: string, timezone: string): ParsedRule {
  return parseRule(text, { timezone });
}

function visitState(status: JobStatus | null): VisitState {
  switch (status) {
    case 'created':
      return 'unscheduled';
    case 'scheduled':
    case 'rescheduled':
      return 'booked';
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'in_progress';
  }
}

const isOffice = (p: StaffPrincipal | CustomerPrincipal): p is StaffPrincipal => p.role === 'dispatcher' || p.role === 'admin' || p.role === 'technician';
const customerOf = (p: StaffPrincipal | CustomerPrincipal) => (isOffice(p) ? undefined : p.customerId);
const withReason = (text: string, reason?: string) => (reason?.trim() ? `${text} Reason: ${reason.trim()}` : text);

