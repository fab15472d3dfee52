import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../modules/accounts/principal.js';

/**
 * Keeps the demo's map alive: every few seconds each technician who is on the way to a demo job
 * moves a little closer along a plausible path — out of their home base along one street, then
 * along the cross street to the customer's door — and shares that position exactly as the
 * technician view does (TrackingService.postLocation), so ETAs, "arriving" and running late follow.
 */
const TRIP_HALF_LIFE_MS = 6 * 60_000;
/** They never quite arrive on their own: starting the visit is the technician's step. */
const CLOSEST_APPROACH = 0.985;

interface Trip {
  appointmentId: string;
  technicianId: string;
  technicianName: string;
  technicianEmail: string;
  enRouteAt: string;
  from: { lat: number; lng: number };
  to: { lat: number; lng: number };
}

/** Where the technician is `fraction` of the way along an L-shaped route (east–west first, then north–south). */
export function pointAlong(trip: Pick<Trip, 'from' | 'to'>, fraction: number) {
  const eastWest = Math.abs(trip.to.lng - trip.from.lng) * Math.cos((trip.from.lat * Math.PI) / 180);
  const northSouth = Math.abs(trip.to.lat - trip.from.lat);
  const firstLegShare = eastWest + northSouth === 0 ? 1 : eastWest / (eastWest + northSouth);
  if (fraction <= firstLegShare) {
    const f = firstLegShare === 0 ? 1 : fraction / firstLegShare;
    return { lat: trip.from.lat, lng: trip.from.lng + (trip.to.lng - trip.from.lng) * f, heading: trip.to.lng >= trip.from.lng ? 90 : 270 };
  }
  const f = (fraction - firstLegShare) / (1 - firstLegShare);
  return { lat: trip.from.lat + (trip.to.lat - trip.from.lat) * f, lng: trip.to.lng, heading: trip.to.lat >= trip.from.lat ? 0 : 180 };
}

async function activeTrips(app: FastifyInstance, companyId: string): Promise<Trip[]> {
  const rows = await app.database.db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .innerJoin('users', 'users.id', 'appointments.technician_id')
    .leftJoin('technician_profiles', 'technician_profiles.user_id', 'users.id')
    .select([
      'appointments.id as appointmentId',
      'appointments.en_route_at as enRouteAt',
      'users.id as technicianId',
      'users.name as technicianName',
      'users.email as technicianEmail',
      'locations.lat as toLat',
      'locations.lng as toLng',
      'technician_profiles.home_lat as homeLat',
      'technician_profiles.home_lng as homeLng',
    ])
    .where('appointments.company_id', '=', companyId)
    .where('appointments.status', '=', 'en_route')
    .execute();
  return rows.flatMap((row) => {
    if (row.toLat == null || row.toLng == null || !row.enRouteAt) return [];
    // Without a home base, they set out from about 8 km north-west.
    const from = row.homeLat != null && row.homeLng != null ? { lat: row.homeLat, lng: row.homeLng } : { lat: row.toLat + 0.05, lng: row.toLng - 0.06 };
    return [{ appointmentId: row.appointmentId, technicianId: row.technicianId, technicianName: row.technicianName, technicianEmail: row.technicianEmail, enRouteAt: row.enRouteAt, from, to: { lat: row.toLat, lng: row.toLng } }];
  });
}

/** Starts moving the demo company's en-route technicians; the answer stops them. */
export function startDemoDriving(app: FastifyInstance, companyId: string, intervalMs = 4000): () => void {
  // Trips seeded as "on the way" began before the server did: each one starts from its home base
  // when the demo starts, so a visitor sees the whole approach.
  const startedAt = app.clock.now().getTime();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = app.clock.now();
      for (const trip of await activeTrips(app, companyId)) {
        const elapsed = Math.max(0, now.getTime() - Math.max(startedAt, new Date(trip.enRouteAt).getTime()));
        const fraction = Math.min(CLOSEST_APPROACH, 1 - 0.5 ** (elapsed / TRIP_HALF_LIFE_MS));
        const at = pointAlong(trip, fraction);
        const principal: StaffPrincipal = { role: 'technician', companyId, userId: trip.technicianId, sessionId: 'demo-driving', name: trip.technicianName, email: trip.technicianEmail };
        const jitter = () => (Math.random() - 0.5) * 0.00006;
        await app.services.tracking
          .postLocation(principal, {
            appointmentId: trip.appointmentId,
            points: [{ at: now.toISOString(), lat: at.lat + jitter(), lng: at.lng + jitter(), accuracy: 8 + Math.round(Math.random() * 12), heading: at.heading, speed: null }],
          })
          .catch((error: unknown) => app.log.debug({ err: error, appointmentId: trip.appointmentId }, 'demo driving: position not taken'));
      }
    } catch (error) {
      app.log.warn({ err: error }, 'demo driving failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
