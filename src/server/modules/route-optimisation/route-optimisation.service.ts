import { createHash } from 'node:crypto';
import type { Static } from 'typebox';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { actorOf, type ActorRef, type StaffPrincipal } from '../accounts/principal.js';
import * as companies from '../companies/companies.repository.js';
import { formatAddress } from '../customers/customers.service.js';
import * as jobsRepo from '../jobs/jobs.repository.js';
import { toBookingPolicy } from '../scheduling/booking-policy.js';
import * as schedulingRepo from '../scheduling/scheduling.repository.js';
import { loadCalendars } from '../scheduling/technician-calendars.js';
import type { VrptwSolution } from '../scheduling/vrptw/vrptw.types.js';
import { buildDayProblem, currentRoutes, proposedRoutes, type DayInput, type DayVisit, type TechnicianRoute, type UnplacedReason, type VisitStatus } from './route-problem-builder.js';
import * as repo from './route-optimisation.repository.js';
import type { ApplyBody, ApplyResult, PreviewBody, RoutePlanView } from './route-optimisation.schemas.js';
import { solveInWorker } from './route-solver-runner.js';

type Preview = Static<typeof RoutePlanView>;
type Summary = Preview['technicians'][number]['before'];

const DEFAULT_TIME_LIMIT_SECONDS = 5;
/** Iterations per visit on top of a base: small days stop long before the time limit. */
const BASE_ITERATIONS = 2_000;
const ITERATIONS_PER_VISIT = 400;
/** One seed for every run: the plan records it, and a day re-optimised unchanged gives the same routes when the iteration cap is reached first. */
const SEED = 20_261_123;

const UNPLACED_MESSAGES: Record<UnplacedReason, string> = {
  no_qualified_technician: 'No technician in the plan has the skills or covers the address; it stays as booked.',
  window_passed: 'Its window is already over; it stays as booked.',
  no_time: 'No technician can reach it within its window and working hours without dropping another visit; it stays as booked.',
};

/** What apply needs beyond the view: the scope the fingerprint covers. */
interface StoredPlan {
  view: Preview;
  technicianIds: string[] | null;
}

const minutes = (seconds: number) => Math.round(seconds / 60);
const kilometres = (meters: number) => Math.round(meters / 100) / 10;
const iso = (instant: number) => new Date(instant).toISOString();

/**
 * "Optimise day": proposes each technician's route for a day (fewest technicians, then least
 * travel; decision 009) and applies it on confirmation. The solver runs in a worker thread.
 */
export class RouteOptimisationService {
  constructor(private readonly ctx: AppContext) {}

  async preview(principal: StaffPrincipal, input: Static<typeof PreviewBody>): Promise<Preview> {
    const companyId = principal.companyId;
    const day = await this.loadDay(companyId, input.date, input.technicianIds ?? null, input.allowWindowChanges ?? false);
    const built = buildDayProblem(day.input);
    const before = currentRoutes(built, day.input);
    const timeLimitSeconds = input.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
    let solution: VrptwSolution = { routes: [], vehicles: 0, distance: 0, vehicleIds: [], unassigned: built.movable.map((_, k) => k + 1) };
    let solver = { seed: SEED, iterations: 0, elapsedMs: 0 };
    if (built.movable.length > 0 && built.vehicles.length > 0) {
      const result = await solveInWorker(built.problem, { seed: SEED, timeLimitMs: timeLimitSeconds * 1000, maxIterations: BASE_ITERATIONS + ITERATIONS_PER_VISIT * built.movable.length });
      solution = result;
      solver = { seed: SEED, iterations: result.iterations, elapsedMs: Math.round(result.elapsedMs) };
    }
    const proposal = proposedRoutes(built, day.input, solution);
    const names = day.names;
    const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'Former technician' } : null);

    const summary = (route: TechnicianRoute | undefined): Summary => ({
      stops: (route?.stops ?? []).map((stop) => ({
        appointmentId: stop.visit.appointmentId,
        jobId: stop.visit.jobId,
        jobReference: stop.visit.jobReference,
        customerName: stop.visit.customerName,
        address: stop.visit.address,
        fixed: stop.fixed,
        arrivalAt: iso(stop.arrival),
        windowStart: iso(stop.windowStart),
        windowEnd: iso(stop.windowEnd),
        durationMinutes: stop.visit.durationMinutes,
        late: stop.late,
      })),
      travelMinutes: minutes(route?.travelSeconds ?? 0),
      travelKm: kilometres(route?.travelMeters ?? 0),
    });
    const totals = (routes: TechnicianRoute[]) => ({
      techniciansUsed: routes.filter((r) => r.stops.length > 0).length,
      travelMinutes: minutes(routes.reduce((sum, r) => sum + r.travelSeconds, 0)),
      travelKm: kilometres(routes.reduce((sum, r) => sum + r.travelMeters, 0)),
    });

    const leftOut = new Set(proposal.leftOut.map((v) => v.appointmentId));
    const changes: Preview['changes'] = [];
    for (const route of proposal.routes) {
      for (const stop of route.stops) {
        if (stop.fixed) continue;
        const technicianChanged = stop.visit.technicianId !== route.technicianId;
        const windowChanged = stop.windowStart !== stop.visit.windowStart || stop.windowEnd !== stop.visit.windowEnd;
        if (!technicianChanged && !windowChanged) continue;
        changes.push({
          appointmentId: stop.visit.appointmentId,
          jobId: stop.visit.jobId,
          jobReference: stop.visit.jobReference,
          customerName: stop.visit.customerName,
          fromTechnician: person(stop.visit.technicianId),
          toTechnician: person(route.technicianId)!,
          fromWindow: { start: iso(stop.visit.windowStart), end: iso(stop.visit.windowEnd) },
          toWindow: { start: iso(stop.windowStart), end: iso(stop.windowEnd) },
          technicianChanged,
          windowChanged,
        });
      }
    }
    const unplaced: Preview['unplaced'] = [
      ...built.unplaced.map((u) => ({ visit: u.visit, reason: u.reason })),
      ...proposal.leftOut.map((visit) => ({ visit, reason: 'no_time' as const })),
    ].map(({ visit, reason }) => ({
      appointmentId: visit.appointmentId,
      jobId: visit.jobId,
      jobReference: visit.jobReference,
      customerName: visit.customerName,
      windowStart: iso(visit.windowStart),
      windowEnd: iso(visit.windowEnd),
      technician: person(visit.technicianId),
      reason,
      message: UNPLACED_MESSAGES[reason],
    }));

    // A visit the plan leaves out stays with its technician as booked: "after" shows it where it was.
    const kept = (route: TechnicianRoute): TechnicianRoute => {
      const current = before.find((r) => r.technicianId === route.technicianId);
      const stays = (current?.stops ?? []).filter((s) => !s.fixed && (leftOut.has(s.visit.appointmentId) || built.unplaced.some((u) => u.visit.appointmentId === s.visit.appointmentId)));
      if (stays.length === 0) return route;
      return { ...route, stops: [...route.stops, ...stays].sort((a, b) => a.arrival - b.arrival) };
    };
    const after = proposal.routes.map(kept);
    const beforeTotals = totals(before);
    const afterTotals = totals(after);
    const createdAt = this.ctx.clock.now().toISOString();
    const view: Preview = {
      planId: newId(),
      date: input.date,
      timezone: day.input.timezone,
      createdAt,
      appliedAt: null,
      allowWindowChanges: day.input.allowWindowChanges,
      solver,
      technicians: day.input.technicians.map((t) => ({
        id: t.id,
        name: t.name,
        before: summary(before.find((r) => r.technicianId === t.id)),
        after: summary(after.find((r) => r.technicianId === t.id)),
      })),
      totals: {
        before: beforeTotals,
        after: afterTotals,
        travelSavingPercent: beforeTotals.travelMinutes > 0 ? Math.round(((beforeTotals.travelMinutes - afterTotals.travelMinutes) / beforeTotals.travelMinutes) * 1000) / 10 : 0,
      },
      changes,
      unplaced,
    };
    const stored: StoredPlan = { view, technicianIds: input.technicianIds ?? null };
    await repo.insertRoutePlan(this.ctx.db, {
      id: view.planId,
      company_id: companyId,
      date: input.date,
      fingerprint: day.fingerprint,
      proposal: JSON.stringify(stored),
      created_by: principal.userId,
      created_at: createdAt,
      applied_at: null,
      applied_by: null,
    });
    return view;
  }

  async apply(principal: StaffPrincipal, input: Static<typeof ApplyBody>): Promise<Static<typeof ApplyResult>> {
    const companyId = principal.companyId;
    const plan = await repo.findRoutePlan(this.ctx.db, companyId, input.planId);
    if (!plan) throw notFound('PLAN_NOT_FOUND', 'No such route plan.');
    if (plan.date !== input.date) throw invalidField('date', 'does not match the day of the plan');
    if (plan.applied_at) throw conflict('PLAN_ALREADY_APPLIED', 'This plan has already been applied.');
    const stored = (typeof plan.proposal === 'string' ? JSON.parse(plan.proposal) : plan.proposal) as StoredPlan;
    const actor = actorOf(principal);
    const appliedAt = this.ctx.clock.now().toISOString();
    const technicianIds = stored.view.technicians.map((t) => t.id);

    const { events, notifiedJobs } = await this.ctx.db.transaction().execute(async (trx) => {
      await schedulingRepo.lockTechnicians(trx, this.ctx.dbKind, companyId, technicianIds);
      const { from, to } = dayRange(plan.date, stored.view.timezone);
      const rows = await repo.listDayVisits(trx, companyId, { from, to }, stored.technicianIds ?? undefined);
      if (fingerprintOf(rows, technicianIds) !== plan.fingerprint) {
        throw conflict('PLAN_OUT_OF_DATE', 'The day has changed since this plan was made (a visit was booked, moved, reassigned or started). Run "Optimise day" again.');
      }
      if (!(await repo.markRoutePlanApplied(trx, companyId, plan.id, appliedAt, principal.userId))) throw conflict('PLAN_ALREADY_APPLIED', 'This plan has already been applied.');
      const byId = new Map(rows.map((r) => [r.id, r]));
      const recorded: DomainEvent[] = [];
      const notified: string[] = [];
      for (const change of stored.view.changes) {
        const row = byId.get(change.appointmentId)!;
        recorded.push(...(await this.applyChange(trx, companyId, actor, change, row, stored.view.planId, appliedAt)));
        notified.push(change.jobId);
      }
      const moved = new Set(stored.view.changes.filter((c) => c.windowChanged).map((c) => c.appointmentId));
      const stops = stored.view.technicians.flatMap((t) =>
        t.after.stops.flatMap((stop, position) => {
          // The window as stored, so that the technician day view joins on it exactly.
          const row = byId.get(stop.appointmentId);
          if (stop.fixed || !row || row.status !== 'scheduled') return [];
          const windowStart = moved.has(stop.appointmentId) ? stop.windowStart : row.window_start;
          return [{ appointment_id: stop.appointmentId, company_id: companyId, plan_id: plan.id, technician_id: t.id, window_start: windowStart, route_position: position + 1, planned_arrival_at: stop.arrivalAt, created_at: appliedAt }];
        }),
      );
      await repo.replacePlannedStops(trx, companyId, stops);
      return { events: recorded, notifiedJobs: notified };
    });
    await this.ctx.bus.publish(events);
    return { planId: plan.id, appliedAt, changedVisits: stored.view.changes.length, notifiedJobs: [...new Set(notifiedJobs)] };
  }

  /**
   * Moves one visit as the jobs module's reschedule does: new technician and/or window, the job to
   * "rescheduled" when its window moved, a `job.rescheduled` timeline entry the customer sees and
   * the notification planner and live updates act on.
   */
  private async applyChange(trx: Trx, companyId: string, actor: ActorRef, change: Preview['changes'][number], row: repo.DayVisitRow, planId: string, at: string): Promise<DomainEvent[]> {
    const job = await jobsRepo.findJobForChange(trx, this.ctx.dbKind, companyId, row.job_id);
    if (!job) throw conflict('PLAN_OUT_OF_DATE', 'A job of the plan no longer exists. Run "Optimise day" again.');
    await jobsRepo.updateAppointment(trx, row.id, {
      technician_id: change.toTechnician.id,
      window_start: change.toWindow.start,
      window_end: change.toWindow.end,
      updated_at: at,
      ...(change.technicianChanged ? { assignment_method: 'auto' as const, assignment_reason: 'Optimise day: the shortest routes for the day', assigned_by: null } : {}),
    });
    const isCurrentVisit = job.current_appointment_id === row.id;
    const moves = change.windowChanged && isCurrentVisit && (job.status === 'scheduled' || job.status === 'rescheduled');
    if (moves) {
      const moved = await jobsRepo.updateJobIfStatus(trx, job.company_id, job.id, job.status, { status: 'rescheduled', updated_at: at });
      if (!moved) throw conflict('PLAN_OUT_OF_DATE', 'A job of the plan was changed just now. Run "Optimise day" again.');
    } else {
      await jobsRepo.updateJob(trx, job.company_id, job.id, { updated_at: at });
    }
    const id = newId();
    const data = {
      appointmentId: row.id,
      windowStart: change.toWindow.start,
      windowEnd: change.toWindow.end,
      previousWindowStart: change.fromWindow.start,
      previousWindowEnd: change.fromWindow.end,
      technicianId: change.toTechnician.id,
      technicianName: change.toTechnician.name,
      previousTechnicianId: change.fromTechnician?.id ?? null,
      followUp: false,
      reason: 'Route optimisation',
      routePlanId: planId,
    };
    await jobsRepo.insertTimelineEvent(trx, {
      id,
      company_id: job.company_id,
      job_id: job.id,
      type: 'job.rescheduled',
      visibility: 'customer',
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      data: JSON.stringify(data),
      created_at: at,
    });
    const event: DomainEvent = { type: 'job.rescheduled', companyId: job.company_id, jobId: job.id, timelineEventId: id, actor, data: { ...data, visibility: 'customer' }, occurredAt: at };
    await this.ctx.bus.dispatchInTransaction(trx, event);
    return [event];
  }

  /** Everything the builder needs about a day, and the fingerprint apply compares against. */
  private async loadDay(companyId: string, date: string, technicianIds: string[] | null, allowWindowChanges: boolean) {
    const company = await companies.findCompany(this.ctx.db, companyId);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    const timezone = company.timezone;
    const { from, to, start, end } = dayRange(date, timezone);
    const { calendars, names } = await loadCalendars(this.ctx.db, companyId, { start, end }, technicianIds ?? undefined);
    if (technicianIds) {
      const known = new Set(calendars.map((c) => c.id));
      if (technicianIds.some((id) => !known.has(id))) throw invalidField('technicianIds', 'must list active technicians of this company');
    }
    const [rows, policyRow] = await Promise.all([repo.listDayVisits(this.ctx.db, companyId, { from, to }, technicianIds ?? undefined), schedulingRepo.findBookingPolicy(this.ctx.db, companyId)]);
    const policy = toBookingPolicy(policyRow);
    const input: DayInput = {
      date,
      timezone,
      now: this.ctx.clock.now().getTime(),
      technicians: calendars.map((calendar) => ({ id: calendar.id, name: names.get(calendar.id) ?? '', calendar })),
      visits: rows.map(toDayVisit),
      bufferMinutes: policy.bufferMinutes,
      windowMinutes: policy.windowMinutes,
      allowWindowChanges,
    };
    const allNames = new Map(names);
    const missing = [...new Set(rows.flatMap((r) => (r.technician_id && !allNames.has(r.technician_id) ? [r.technician_id] : [])))];
    if (missing.length > 0) {
      const users = await this.ctx.db.selectFrom('users').select(['id', 'name']).where('company_id', '=', companyId).where('id', 'in', missing).execute();
      for (const user of users) allNames.set(user.id, user.name);
    }
    return { input, names: allNames, fingerprint: fingerprintOf(rows, calendars.map((c) => c.id)) };
  }
}

/** The local day as instants and ISO bounds. */
function dayRange(date: string, timezone: string) {
  const day = DateTime.fromISO(date, { zone: timezone }).startOf('day');
  const start = day.toMillis();
  const end = day.plus({ days: 1 }).toMillis();
  return { start, end, from: iso(start), to: iso(end) };
}

/** What must not change between preview and apply: every visit in scope and who was planned. */
function fingerprintOf(rows: readonly repo.DayVisitRow[], technicianIds: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update([...technicianIds].sort().join(',') + '\n');
  for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    hash.update([row.id, row.technician_id ?? '', row.window_start, row.window_end, row.status, row.updated_at].join('|') + '\n');
  }
  return hash.digest('hex');
}

function toDayVisit(row: repo.DayVisitRow): DayVisit {
  return {
    appointmentId: row.id,
    jobId: row.job_id,
    jobReference: row.reference,
    customerName: row.customer_name,
    address: formatAddress(row),
    status: row.status as VisitStatus,
    technicianId: row.technician_id,
    windowStart: Date.parse(row.window_start),
    windowEnd: Date.parse(row.window_end),
    durationMinutes: row.default_duration_minutes,
    place: { id: row.location_id, point: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null },
    postalCode: row.postal_code,
    requiredSkills: JSON.parse(row.required_skills) as string[],
    startedAt: row.started_at ? Date.parse(row.started_at) : null,
    completedAt: row.completed_at ? Date.parse(row.completed_at) : null,
  };
}
