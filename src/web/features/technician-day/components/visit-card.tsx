import { Link } from 'wouter';
import { Badge } from '../../../components/ui/index.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { defineMessages } from '../../../lib/i18n.js';
import { priorityLabel, priorityTone, statusLabel, statusTone } from '../../../lib/job-status.js';
import type { Priority } from '../../../lib/api-types.js';
import { useVisitStep } from '../hooks/use-visit-step.js';
import { formatTimes, isCurrent, isDone, visitState } from '../utils/visit-steps.js';
import { MapsLink } from './maps-link.js';
import { StepButtons } from './step-buttons.js';

const t = defineMessages({
  en: {
    access: 'Access',
    customerSays: 'From the customer',
    photos: '{count} photos',
    photo: '1 photo',
    details: 'Details',
  },
});

/** One visit on the day's list: when, who, where, what the customer said, and its next step. */
export function VisitCard({ visit, next }: { visit: TechnicianAppointment; next: boolean }) {
  const steps = useVisitStep(visit);
  const state = visitState(visit);
  const current = isCurrent(visit);
  const done = isDone(visit);
  const priority = visit.priority as Priority;
  const lastNote = visit.customerNotes.at(-1);
  const photoCount = visit.customerNotes.reduce((sum, note) => sum + note.attachments.length, 0);
  const href = `/tech/visits/${visit.id}`;

  return (
    <article className={['tech-day__card', current && 'tech-day__card--current', done && 'tech-day__card--done'].filter(Boolean).join(' ')} aria-labelledby={`visit-${visit.id}`}>
      <div className="tech-day__card-top">
        <span className="tech-day__time">{formatTimes(visit)}</span>
        <span className="row tech-day__badges">
          {(priority === 'high' || priority === 'emergency') && <Badge tone={priorityTone(priority)}>{priorityLabel(priority)}</Badge>}
          <Badge tone={statusTone(state)}>{statusLabel(state)}</Badge>
        </span>
      </div>
      <h2 className="tech-day__customer" id={`visit-${visit.id}`}>
        <Link href={href}>{visit.customerName}</Link>
      </h2>
      <p className="tech-day__category">
        {visit.category} · {visit.reference}
      </p>
      {!done && <p className="tech-day__description">{visit.description}</p>}
      <div className="tech-day__address">
        <span>{visit.address}</span>
        <MapsLink visit={visit} compact />
      </div>
      {!done && visit.accessNotes && (
        <p className="tech-day__note">
          <strong>{t('access')}:</strong> {visit.accessNotes}
        </p>
      )}
      {!done && lastNote && (
        <p className="tech-day__note tech-day__note--customer">
          <strong>{t('customerSays')}:</strong> {lastNote.text}
          {photoCount > 0 && <span className="muted"> ({photoCount === 1 ? t('photo') : t('photos', { count: photoCount })})</span>}
        </p>
      )}
      <StepButtons visit={visit} steps={steps} quiet={!current && !next} />
      <Link href={href} className="tech-day__details">
        {t('details')}
        <span className="visually-hidden">: {visit.customerName}</span> <span aria-hidden="true">›</span>
      </Link>
    </article>
  );
}
