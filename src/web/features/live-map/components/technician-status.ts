import { formatTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import type { TechnicianPosition } from '../../../lib/api-types.js';

export const t = defineMessages({
  en: {
    title: 'Live map',
    subtitle: 'Where your technicians are and where they are going, from the positions they shared in the last 12 hours.',
    listTitle: 'Technicians',
    listHint: 'Choose a technician to show them on the map.',
    mapLabel: 'Map of technicians',
    driving: 'Driving to {reference} · ETA {time}',
    drivingNoEta: 'Driving to {reference}',
    working: 'Working on {reference}',
    onJob: 'Current job {reference}',
    noJob: 'No current job',
    stale: 'No recent position',
    lastSeen: 'Last position at {time}',
    customerLine: '{reference} · {customer}',
    drivingMinutes: 'Driving to {reference} · ETA {time} ({minutes})',
    openJob: 'Open job {reference}',
    emptyTitle: 'No technician has shared a position in the last 12 hours',
    emptyBody: 'Technicians share their location while they drive to a job, from the moment they tap “On my way”. They appear here as soon as they do.',
    error: 'The technicians’ positions could not be loaded. {message}',
    retry: 'Try again',
    skipMap: 'Skip the map',
  },
});

/** A position older than this is shown greyed: the technician stopped sharing (or lost signal). */
export const RECENT_MS = 10 * 60_000;

export const isRecent = (item: TechnicianPosition, now: number) => now - Date.parse(item.at) <= RECENT_MS;

/** The status line in the list and popup: "Driving to ARV-26-00012 · ETA 10:42", "No recent position". */
export function statusText(item: TechnicianPosition, now: number): string {
  if (!isRecent(item, now)) return t('stale');
  const job = item.job;
  if (!job) return t('noJob');
  if (job.status === 'en_route') return job.eta ? t('driving', { reference: job.reference, time: formatTime(job.eta.arrivalAt) }) : t('drivingNoEta', { reference: job.reference });
  if (job.status === 'in_progress') return t('working', { reference: job.reference });
  return t('onJob', { reference: job.reference });
}
