import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';

export interface TechnicianDay {
  date: string;
  items: TechnicianAppointment[];
}

/** The signed-in technician's visits for a day (YYYY-MM-DD in the company's zone), in window order. */
export const getTechnicianDay = (date: string) => api<TechnicianDay>('GET', `/api/technician/appointments${queryString({ date })}`);

export const technicianDayKey = ['technician-day'] as const;

export const technicianDayQuery = (date: string) =>
  queryOptions({
    queryKey: [...technicianDayKey, date],
    queryFn: () => getTechnicianDay(date),
    // The office reschedules and assigns during the day: the van's list follows without a reload.
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });

export const useTechnicianDay = (date: string) => useQuery(technicianDayQuery(date));
