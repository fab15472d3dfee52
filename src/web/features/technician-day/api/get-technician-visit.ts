import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { technicianDayKey, type TechnicianDay } from './get-technician-day.js';

/** One of the technician's own visits, on any day. */
export const getTechnicianVisit = (appointmentId: string) => api<TechnicianAppointment>('GET', `/api/technician/appointments/${encodeURIComponent(appointmentId)}`);

export const technicianVisitKey = (appointmentId: string) => ['technician-visit', appointmentId] as const;

export const technicianVisitQuery = (appointmentId: string) =>
  queryOptions({ queryKey: technicianVisitKey(appointmentId), queryFn: () => getTechnicianVisit(appointmentId), refetchInterval: 30_000, refetchOnWindowFocus: true });

/** The visit, shown at once from the day's list when it is there (opened from a card), then refreshed. */
export function useTechnicianVisit(appointmentId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    ...technicianVisitQuery(appointmentId),
    placeholderData: () =>
      queryClient
        .getQueriesData<TechnicianDay>({ queryKey: technicianDayKey })
        .flatMap(([, day]) => day?.items ?? [])
        .find((visit) => visit.id === appointmentId),
  });
}
