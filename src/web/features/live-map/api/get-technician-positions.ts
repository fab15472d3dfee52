import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TechnicianPosition } from '../../../lib/api-types.js';
import type { LocationLiveEvent } from '../../../lib/live-events.js';

/** Each technician's last known position (from the last 12 hours) and their current job. */
export const getTechnicianPositions = () => api<{ items: TechnicianPosition[] }>('GET', '/api/tracking/technicians');

/** Live events keep it current; the minute refresh picks up what events do not carry (a job reassigned, a position ageing out). */
export const technicianPositionsQuery = () => queryOptions({ queryKey: ['tracking-technicians'], queryFn: getTechnicianPositions, refetchInterval: 60_000 });

export const useTechnicianPositions = () => useQuery(technicianPositionsQuery());

/**
 * Moves a technician to the position a `location` event carries, in the cached list. A technician
 * not on the list yet, or now driving to another job, needs the server's answer: refetched.
 */
export function applyLocation(queryClient: QueryClient, { data }: LocationLiveEvent) {
  const key = technicianPositionsQuery().queryKey;
  const list = queryClient.getQueryData(key);
  const current = list?.items.find((item) => item.technicianId === data.technicianId);
  if (!list || !current || current.job?.id !== data.jobId) {
    void queryClient.invalidateQueries({ queryKey: key });
    if (!list || !current) return;
  }
  if (Date.parse(data.at) < Date.parse(current.at)) return;
  queryClient.setQueryData(key, {
    ...list,
    items: list.items.map((item) =>
      item.technicianId === data.technicianId
        ? { ...item, lat: data.lat, lng: data.lng, accuracy: data.accuracy, heading: data.heading, at: data.at, job: item.job && item.job.id === data.jobId ? { ...item.job, eta: data.eta } : item.job }
        : item,
    ),
  });
}
