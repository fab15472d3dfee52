import { lazy, Suspense, useEffect, useState, type MouseEvent } from 'react';
import { Card, CardHeader } from '../../../components/ui/index.js';
import type { CustomerJob, CustomerTracking } from '../../../lib/api-types.js';
import { formatMinutes, formatTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents, type LocationLiveEvent } from '../../../lib/live-events.js';

// Leaflet and the map's code load only when there is a technician to show: the job page in every
// other state stays small (`npm run bench -- web`).
const JobMap = lazy(() => import('./job-map.js').then((module) => ({ default: module.JobMap })));

const t = defineMessages({
  en: {
    title: 'Live location',
    etaAround: 'Arriving around {time} · {minutes}',
    arrivingNow: 'Arriving now',
    etaUnknown: 'Working out the arrival time…',
    updatedAt: 'Position updated at {time}.',
    skipMap: 'Skip the map',
    mapLabel: 'Map showing where {name} is and your address',
    mapLabelAnonymous: 'Map showing where your technician is and your address',
  },
});

const fromEvent = ({ lat, lng, accuracy, heading, at, eta, arriving }: LocationLiveEvent['data']): CustomerTracking => ({ lat, lng, accuracy, heading, at, eta, arriving });
const newer = (a: CustomerTracking | null, b: CustomerTracking | null) => (!a ? b : !b ? a : Date.parse(b.at) > Date.parse(a.at) ? b : a);

/** "Arriving around 10:42 · 12 min", "Arriving now". */
export function etaText(position: Pick<CustomerTracking, 'eta' | 'arriving'>): string {
  if (position.arriving) return t('arrivingNow');
  if (!position.eta) return t('etaUnknown');
  return t('etaAround', { time: formatTime(position.eta.arrivalAt), minutes: formatMinutes(Math.max(1, Math.round(position.eta.minutes))) });
}

/**
 * While the technician drives to the customer: the arrival time, and a map with them and the
 * address. Positions come with the job (`tracking`) and then from the job's live stream.
 */
export function JobTracking({ job }: { job: CustomerJob }) {
  const enRoute = job.status === 'en_route';
  const [live, setLive] = useState<CustomerTracking | null>(null);
  useLiveEvents(enRoute ? `/api/portal/jobs/${job.id}/events` : null, (event) => {
    if (event.kind !== 'location' || event.data.jobId !== job.id) return;
    setLive((previous) => newer(previous, fromEvent(event.data)));
  });
  // A later trip (a follow-up visit) starts from what the server says, not from the last one.
  useEffect(() => {
    if (!enRoute) setLive(null);
  }, [enRoute]);

  const position = newer(job.tracking, live);
  if (!enRoute || !position) return null;

  const name = job.technician?.name;
  const address = job.location.lat !== null && job.location.lng !== null ? { lat: job.location.lat, lng: job.location.lng } : null;
  const skipMap = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById('job-status-after-map')?.focus();
  };
  return (
    <Card as="section" aria-labelledby="job-status-tracking" className="job-status__tracking">
      <CardHeader title={<span id="job-status-tracking">{t('title')}</span>} />
      <p className="job-status__eta" aria-live="polite">
        {etaText(position)}
      </p>
      <div className="job-status__map-frame">
        <a className="job-status__map-skip" href="#job-status-after-map" onClick={skipMap}>
          {t('skipMap')}
        </a>
        <Suspense fallback={<div className="job-status__map job-status__map--loading" aria-busy="true" />}>
          <JobMap
            label={name ? t('mapLabel', { name }) : t('mapLabelAnonymous')}
            technician={{ name: name ?? '', photoUrl: job.technician?.photoUrl ?? null }}
            lat={position.lat}
            lng={position.lng}
            heading={position.heading}
            address={address}
          />
        </Suspense>
      </div>
      <p id="job-status-after-map" className="small muted" tabIndex={-1}>
        {t('updatedAt', { time: formatTime(position.at) })}
      </p>
    </Card>
  );
}
