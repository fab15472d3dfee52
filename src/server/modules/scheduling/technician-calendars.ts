import type { DatabaseKind, Executor, Trx } from '../../db/database.js';
import { DAY } from '../../lib/clock.js';
import { visitConflicts, type ExistingVisit, type Interval, type TechnicianCalendar, type Territory } from './availability.js';
import { DEFAULT_WORKING_HOURS } from './booking-policy.js';
import * as repo from './scheduling.repository.js';

/** An appointment as availability sees it; a visit under way holds its technician from when it started. */
export function toExistingVisit(row: repo.BusyVisitRow): ExistingVisit {
  const started = row.status === 'in_progress' && row.started_at ? Date.parse(row.started_at) : null;
  return {
    id: row.id,
    windowStart: started ?? Date.parse(row.window_start),
    windowEnd: started ?? Date.parse(row.window_end),
    durationMinutes: row.default_duration_minutes,
    place: { id: row.location_id, point: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null },
    placedAt: Date.parse(row.updated_at),
  };
}

export const toTerritory = (row: { postal_codes: string; polygon: string | null }): Territory => ({
  postalCodes: JSON.parse(row.postal_codes) as string[],
  polygon: row.polygon ? (JSON.parse(row.polygon) as [number, number][]) : null,
});

/**
 * Every active technician's calendar around [from, to): hours (their own or the default week), time
 * off, territories and booked visits, in six indexed queries whatever the number of technicians.
 */
export async function loadCalendars(db: Executor, companyId: string, range: Interval, technicianIds?: readonly string[]): Promise<{ calendars: TechnicianCalendar[]; names: Map<string, string> }> {
  // A day either side: windows are local days, and a visit booked the evening before still ends in range.
  const from = new Date(range.start - DAY).toISOString();
  const to = new Date(range.end + DAY).toISOString();
  const technicians = await repo.listActiveTechnicians(db, companyId, technicianIds);
  const ids = technicians.map((t) => t.id);
  const [hours, timeOff, territories, assignments, visits] = await Promise.all([
    repo.listWorkingHours(db, companyId, ids),
    repo.listTimeOff(db, companyId, { from, to }, ids),
    repo.listTerritories(db, companyId),
    repo.listTerritoryAssignments(db, companyId),
    repo.listBusyVisits(db, companyId, { from: new Date(range.start - 2 * DAY).toISOString(), to }, ids),
  ]);
  const territoryById = new Map(territories.map((t) => [t.id, toTerritory(t)]));
  const group = <T>(rows: readonly T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return map;
  };
  const hoursOf = group(hours, (h) => h.technician_id);
  const timeOffOf = group(timeOff, (o) => o.technician_id);
  const territoriesOf = group(assignments, (a) => a.technician_id);
  const visitsOf = group(visits, (v) => v.technician_id!);
  const calendars = technicians.map(
    (t): TechnicianCalendar => ({
      id: t.id,
      skills: JSON.parse(t.skills) as string[],
      home: t.home_lat !== null && t.home_lng !== null ? { lat: t.home_lat, lng: t.home_lng } : null,
      hours: hoursOf.get(t.id)?.map((h) => ({ weekday: h.weekday, startMinute: h.start_minute, endMinute: h.end_minute })) ?? [...DEFAULT_WORKING_HOURS],
      timeOff: (timeOffOf.get(t.id) ?? []).map((o) => ({ start: Date.parse(o.starts_at), end: Date.parse(o.ends_at) })),
      territories: (territoriesOf.get(t.id) ?? []).flatMap((a) => territoryById.get(a.territory_id) ?? []),
      visits: (visitsOf.get(t.id) ?? []).map(toExistingVisit),
    }),
  );
  return { calendars, names: new Map(technicians.map((t) => [t.id, t.name])) };
}

/**
 * For a dispatcher placing a visit by hand: locks the technician, then says whether the visit fits
 * between their other visits and, if not, which are in the way. Runs inside the scheduling transaction.
 */
export async function findVisitConflicts(
  trx: Trx,
  kind: DatabaseKind,
  companyId: string,
  technicianId: string,
  visit: { categoryId: string; locationId: string },
  window: Interval,
  excludeAppointmentId: string | null,
) {
  await repo.lockTechnicians(trx, kind, companyId, [technicianId]);
  const [category, location, visits] = await Promise.all([
    trx.selectFrom('service_categories').select('default_duration_minutes').where('company_id', '=', companyId).where('id', '=', visit.categoryId).executeTakeFirstOrThrow(),
    trx.selectFrom('locations').select(['id', 'lat', 'lng']).where('company_id', '=', companyId).where('id', '=', visit.locationId).executeTakeFirstOrThrow(),
    repo.listBusyVisits(trx, companyId, { from: new Date(window.start - 2 * DAY).toISOString(), to: new Date(window.end + 2 * DAY).toISOString() }, [technicianId]),
  ]);
  const place = { id: location.id, point: location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : null };
  const rows = new Map(visits.map((v) => [v.id, v]));
  const result = visitConflicts(visits.map(toExistingVisit), { durationMinutes: category.default_duration_minutes, place }, window, excludeAppointmentId);
  return {
    fits: result.fits,
    inTheWay: result.inTheWay.map((v) => {
      const row = rows.get(v.id)!;
      return { appointmentId: row.id, jobId: row.job_id, windowStart: row.window_start, windowEnd: row.window_end };
    }),
  };
}
