import type { AppContext } from '../../context.js';
import { relaxedDurabilityTransaction } from '../../db/relaxed-durability.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { HOUR } from '../../lib/clock.js';
import { actorOf, type StaffPrincipal } from '../accounts/principal.js';
import { formatAddress } from '../customers/customers.service.js';
import type { JobsService } from '../jobs/jobs.service.js';
import { ARRIVING_METERS, estimateTravel, etaOf, OBSERVATION_WINDOW_SECONDS, smoothArrival } from './eta.js';
import { checkPoints, type LocationPoint } from './location-points.js';
import type { RoutingClient } from './routing-client.js';
import * as repo from './tracking.repository.js';

export type Eta = { arrivalAt: string; minutes: number };

/** The data of the `tracking.location` event (contract 1 of issue 4). */
export interface LocationEventData {
  jobId: string;
  appointmentId: string;
  technicianId: string;
  lat: number;
  lng: number;
  accuracy: number;
  heading: number | null;
  speed: number | null;
  at: string;
  eta: Eta | null;
  arriving: boolean;
}

/** The console sees positions from the last 12 hours; older ones are deleted. */
export const POSITION_TTL_MS = 12 * HOUR;

/** Job steps that end the trip to a visit: its points and ETA go, the position is no longer the customer's to see. */
const TRIP_ENDING_EVENTS = ['job.started', 'job.rescheduled', 'job.cancelled', 'job.completed'];

/**
 * Live tracking: the technician's device posts its location while driving to a visit; the service
 * keeps the latest position and the trip's recent points, estimates and smooths the ETA, records
 * "running late" once, and publishes `tracking.location` after each accepted batch.
 */
export class TrackingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; routing?: RoutingClient },
  ) {}

  /** Trips end in the transaction of the step that ends them, so a started visit never shows a position. */
  subscribe() {
    for (const type of TRIP_ENDING_EVENTS) {
      this.ctx.bus.subscribeInTransaction(type, async (trx, event) => {
        if (event.jobId) await repo.endTripsOfJob(trx, event.companyId, event.jobId);
      });
    }
  }

  async postLocation(principal: StaffPrincipal, input: { points: LocationPoint[]; appointmentId?: string }) {
    const { companyId, userId } = principal;
    const visit = await repo.findTravellingVisit(this.ctx.db, companyId, userId, input.appointmentId);
    if (!visit) {
      if (input.appointmentId) {
        const own = await this.ctx.db.selectFrom('appointments').select('id').where('company_id', '=', companyId).where('id', '=', input.appointmentId).where('technician_id', '=', userId).executeTakeFirst();
        if (!own) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment of yours.');
      }
      throw conflict('NOT_EN_ROUTE', 'Your location is shared only while you are on your way to a visit; tap On my way first.');
    }
    const destination = visit.lat != null && visit.lng != null ? { lat: visit.lat, lng: visit.lng } : null;

    // The routing service is asked before the transaction opens: a slow network call must not hold
    // the database's write lock. The newest point that will probably be accepted is what it routes.
    const preview = checkPoints(input.points, await repo.findPosition(this.ctx.db, companyId, userId), this.ctx.clock.now());
    const newestCandidate = preview.accepted.at(-1)?.point;
    const routed = newestCandidate && destination && this.deps.routing ? await this.deps.routing.route(newestCandidate, destination) : null;

    // Positions are replaced every few seconds: their commit need not wait for the disk
    // (a power cut may lose the last few, never half of one; see relaxed-durability.ts).
    const outcome = await relaxedDurabilityTransaction(this.ctx.db, this.ctx.dbKind, async (trx) => {
      const now = this.ctx.clock.now();
      const { accepted, rejected } = checkPoints(input.points, await repo.findPosition(trx, companyId, userId), now);
      const stored = await repo.findTripEta(trx, visit.appointment_id);
      const newest = accepted.at(-1)?.point;
      if (!newest) {
        const eta = stored?.eta_at ? etaOf(Date.parse(stored.eta_at), now.getTime()) : null;
        return { accepted: 0, rejected, eta, arriving: stored?.arriving === 1, events: [] as DomainEvent[] };
      }

      await repo.savePosition(trx, {
        technician_id: userId,
        company_id: companyId,
        appointment_id: visit.appointment_id,
        lat: newest.lat,
        lng: newest.lng,
        accuracy: newest.accuracy,
        heading: newest.heading ?? null,
        speed: newest.speed ?? null,
        at: newest.at,
      });
      await repo.insertTripPoints(
        trx,
        accepted.map(({ point }) => ({ id: newId(), company_id: companyId, appointment_id: visit.appointment_id, lat: point.lat, lng: point.lng, accuracy: point.accuracy, at: point.at })),
      );
      const since = new Date(now.getTime() - OBSERVATION_WINDOW_SECONDS * 1000).toISOString();
      await repo.deleteTripPointsBefore(trx, visit.appointment_id, since);
      await repo.deletePositionsBefore(trx, companyId, new Date(now.getTime() - POSITION_TTL_MS).toISOString());

      const events: DomainEvent[] = [];
      let eta: Eta | null = null;
      let arriving = false;
      if (destination) {
        const points = await repo.listTripPoints(trx, visit.appointment_id, since);
        const estimate = estimateTravel({
          from: newest,
          destination,
          now: now.getTime(),
          recent: points.map((p) => ({ lat: p.lat, lng: p.lng, at: Date.parse(p.at) })),
          ...(routed && newest === newestCandidate ? { base: routed } : {}),
        });
        arriving = estimate.greatCircleMeters <= ARRIVING_METERS;
        const raw = Date.parse(newest.at) + estimate.seconds * 1000;
        const previous =
          stored?.eta_at && stored.estimate_at ? { shownAt: Date.parse(stored.eta_at), estimateAt: Date.parse(stored.estimate_at), updatedAt: Date.parse(stored.updated_at) } : null;
        let smoothed = smoothArrival(previous, raw, now.getTime());
        // At the door the estimate is as good as it gets: smoothing must not hold back an earlier one.
        if (arriving && raw < smoothed.shownAt) smoothed = { shownAt: Math.max(now.getTime(), raw), estimateAt: Math.max(now.getTime(), raw) };
        eta = etaOf(smoothed.shownAt, now.getTime());
        await repo.saveTripEta(trx, {
          appointment_id: visit.appointment_id,
          company_id: companyId,
          eta_at: eta.arrivalAt,
          estimate_at: new Date(smoothed.estimateAt).toISOString(),
          arriving: arriving ? 1 : 0,
          updated_at: now.toISOString(),
        });
        if (smoothed.shownAt > Date.parse(visit.window_end) && (await repo.markRunningLate(trx, visit.appointment_id, now.toISOString()))) {
          const late = await this.deps.jobs.recordRunningLate(trx, companyId, visit.appointment_id, actorOf(principal), { etaAt: eta.arrivalAt });
          if (late) events.push(late);
        }
      }

      const data: LocationEventData = {
        jobId: visit.job_id,
        appointmentId: visit.appointment_id,
        technicianId: userId,
        lat: newest.lat,
        lng: newest.lng,
        accuracy: newest.accuracy,
        heading: newest.heading ?? null,
        speed: newest.speed ?? null,
        at: newest.at,
        eta,
        arriving,
      };
      const location: DomainEvent = { type: 'tracking.location', companyId, jobId: visit.job_id, actor: actorOf(principal), occurredAt: newest.at, data: { ...data } };
      // In this transaction, so what subscribers write (the live-update log) commits with it.
      await this.ctx.bus.dispatchInTransaction(trx, location);
      events.push(location);
      return { accepted: accepted.length, rejected, eta, arriving, events };
    });

    await this.ctx.bus.publish(outcome.events);
    return { accepted: outcome.accepted, rejected: outcome.rejected, eta: outcome.eta, arriving: outcome.arriving };
  }

  /**
   * What the customer's job page shows of the technician: their position while driving to this
   * job's current visit, and nothing before or after (the visit started, the trip ended).
   */
  async customerTracking(companyId: string, jobId: string) {
    const row = await repo.findJobTracking(this.ctx.db, companyId, jobId);
    if (!row) return null;
    const now = this.ctx.clock.now().getTime();
    return {
      lat: row.lat,
      lng: row.lng,
      accuracy: row.accuracy,
      heading: row.heading,
      at: row.at,
      eta: row.eta_at ? etaOf(Math.max(now, Date.parse(row.eta_at)), now) : null,
      arriving: row.arriving === 1,
    };
  }

  /** The console's map: each technician's last known position (12 hours) and the job they are on. */
  async technicianPositions(companyId: string) {
    const now = this.ctx.clock.now().getTime();
    const positions = await repo.listPositions(this.ctx.db, companyId, new Date(now - POSITION_TTL_MS).toISOString());
    const visits = await repo.listCurrentVisits(
      this.ctx.db,
      companyId,
      positions.map((p) => p.technician_id),
    );
    return positions.map((position) => {
      const mine = visits.filter((v) => v.technician_id === position.technician_id);
      // Driving somewhere beats working somewhere; among equals the latest change wins (the list is newest first).
      const current = mine.find((v) => v.appointment_status === 'en_route') ?? mine[0];
      return {
        technicianId: position.technician_id,
        name: position.name,
        photoUrl: position.photo_url ?? null,
        lat: position.lat,
        lng: position.lng,
        accuracy: position.accuracy,
        heading: position.heading,
        at: position.at,
        job: current
          ? {
              id: current.job_id,
              reference: current.reference,
              status: current.status,
              customerName: current.customer_name,
              address: formatAddress(current),
              lat: current.lat,
              lng: current.lng,
              eta: current.appointment_status === 'en_route' && current.eta_at ? etaOf(Math.max(now, Date.parse(current.eta_at)), now) : null,
            }
          : null,
      };
    });
  }
}
