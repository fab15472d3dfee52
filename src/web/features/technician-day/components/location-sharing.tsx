import { Alert } from '../../../components/ui/index.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { formatTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLocationSharing } from '../hooks/use-location-sharing.js';

const t = defineMessages({
  en: {
    sharing: 'Sharing your location with {customer}',
    lastSent: 'Last sent at {time}',
    waiting: 'Waiting for your position…',
    retrying: 'Your location could not be sent; trying again. Last sent at {time}.',
    retryingNever: 'Your location could not be sent yet; trying again.',
    denied: 'Location is turned off for this site, so {customer} cannot see you coming. Allow location for this page in your browser’s settings.',
    unavailable: 'This device cannot share its location, so {customer} only sees that you are on your way.',
  },
});

/** While a visit is en route: shares the device's location and says so, with proof that it works. */
export function LocationSharing({ visit }: { visit: TechnicianAppointment }) {
  const { state, lastSentAt } = useLocationSharing(visit.status === 'en_route' ? visit.id : null);
  if (visit.status !== 'en_route') return null;
  if (state === 'denied' || state === 'unavailable') return <Alert tone="error">{t(state, { customer: visit.customerName })}</Alert>;
  const time = lastSentAt ? formatTime(lastSentAt.toISOString()) : '';
  return (
    <div className="tech-day__sharing" role="status">
      <span className={`tech-day__sharing-dot${state === 'retrying' ? ' tech-day__sharing-dot--retrying' : ''}`} aria-hidden="true" />
      <div>
        <p className="tech-day__sharing-title">{t('sharing', { customer: visit.customerName })}</p>
        <p className="small muted">{state === 'retrying' ? (lastSentAt ? t('retrying', { time }) : t('retryingNever')) : lastSentAt ? t('lastSent', { time }) : t('waiting')}</p>
      </div>
    </div>
  );
}
