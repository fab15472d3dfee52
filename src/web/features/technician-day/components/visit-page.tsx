import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { Badge, ButtonLink, Card, EmptyState, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { Attachment, Priority, TechnicianAppointment } from '../../../lib/api-types.js';
import { useBrand } from '../../../lib/brand.js';
import { dateKey, formatDateTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { priorityLabel, priorityTone, statusLabel, statusTone } from '../../../lib/job-status.js';
import { technicianVisitKey, useTechnicianVisit } from '../api/get-technician-visit.js';
import { useVisitStep } from '../hooks/use-visit-step.js';
import { attachmentUrl, availableSteps, visitState } from '../utils/visit-steps.js';
import { CompleteForm } from './complete-form.js';
import { LocationSharing } from './location-sharing.js';
import { MapsLink } from './maps-link.js';
import { PauseForm } from './pause-form.js';
import { StepButtons } from './step-buttons.js';
import './technician-day.css';

const t = defineMessages({
  en: {
    back: 'Back to the day',
    nextStep: 'Next step',
    scheduled: 'When you set off, tap On my way: the customer sees that you are coming.',
    en_route: 'Tap Start when you arrive.',
    in_progress: 'Pause if the work must wait (parts, a follow-up visit); complete it when it is done.',
    paused: 'The visit is paused. Resume when you are back at work, or complete it.',
    completed: 'This visit is complete.',
    closed: 'Nothing more to do on this visit.',
    address: 'Address',
    access: 'Access notes',
    contacts: 'Contacts',
    call: 'Call {name}',
    noPhone: 'No phone number',
    job: 'The job',
    customerNotes: 'From the customer',
    noCustomerNotes: 'The customer has not added notes.',
    visitNotes: 'On this job so far',
    pausedBy: 'Visit {number} paused by {name}',
    completedBy: 'Visit {number} completed by {name}',
    photoOf: 'Photo {number} from {author}',
    notFound: 'This visit is not on your list',
    notFoundHint: 'It may have been moved to another technician or cancelled.',
    failed: 'This visit could not be loaded.',
    backToToday: "Back to today's visits",
    visitNumber: 'Visit {number}',
  },
});

/** What other features add to the visit page, placed by the technician app: the conversation with the customer. */
export interface VisitPageSlots {
  /** Under the customer's notes. */
  afterCustomerNotes?: (visit: TechnicianAppointment) => ReactNode;
}

/** One visit: everything needed on site, and the big button for the next step. */
export function VisitPage({ slots = {} }: { slots?: VisitPageSlots }) {
  const brand = useBrand();
  const { appointmentId = '' } = useParams<{ appointmentId: string }>();
  const visit = useTechnicianVisit(appointmentId);
  useLiveRefresh('/api/technician/events', () => [technicianVisitKey(appointmentId)]);

  if (!brand || (visit.isPending && !visit.data)) return <VisitSkeleton />;
  if (!visit.data) {
    const missing = visit.error instanceof ApiError && visit.error.status === 404;
    return (
      <div className="stack">
        <h1>{missing ? t('notFound') : t('failed')}</h1>
        <EmptyState title={missing ? t('notFoundHint') : t('failed')} action={<ButtonLink href="/tech">{t('backToToday')}</ButtonLink>} />
      </div>
    );
  }
  return <Visit visit={visit.data} slots={slots} />;
}

function Visit({ visit, slots }: { visit: TechnicianAppointment; slots: VisitPageSlots }) {
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const asked = params.get('step');
  const steps = useVisitStep(visit);
  const available = availableSteps(visit);
  // A card's Pause or Complete leads here with ?step=…: the form is open on arrival.
  const [form, setForm] = useState<'pause' | 'complete' | null>(asked === 'pause' || asked === 'complete' ? asked : null);
  const openForm = form && available.includes(form) ? form : null;
  const closeForm = () => {
    setForm(null);
    steps.reset();
    if (asked) navigate(`/tech/visits/${visit.id}`, { replace: true });
  };
  const state = visitState(visit);
  const priority = visit.priority as Priority;
  const day = dateKey(visit.windowStart);
  const hint = (['scheduled', 'en_route', 'in_progress', 'paused', 'completed'] as const).find((s) => s === state);

  return (
    <div className="stack">
      <Link href={day === dateKey(new Date()) ? '/tech' : `/tech?date=${day}`} className="tech-day__back">
        <span aria-hidden="true">‹</span> {t('back')}
      </Link>

      <header className="stack-sm">
        <div className="row">
          <Badge tone={statusTone(state)}>{statusLabel(state)}</Badge>
          {(priority === 'high' || priority === 'emergency') && <Badge tone={priorityTone(priority)}>{priorityLabel(priority)}</Badge>}
        </div>
        <h1>{visit.customerName}</h1>
        <p className="tech-day__window">{formatWindow(visit.windowStart, visit.windowEnd)}</p>
        <p className="muted">
          {visit.category} · {visit.reference} · {t('visitNumber', { number: visit.visitNumber })}
        </p>
      </header>

      <Card as="section" aria-labelledby={openForm ? undefined : 'next-step'} className={`tech-day__step-panel tech-day__step-panel--${state}`}>
        {openForm === 'pause' && <PauseForm visit={visit} steps={steps} onClose={closeForm} />}
        {openForm === 'complete' && <CompleteForm steps={steps} onClose={closeForm} />}
        {!openForm && (
          <div className="stack-sm">
            <h2 id="next-step" className="visually-hidden">
              {t('nextStep')}
            </h2>
            <p className="tech-day__step-hint">{available.length === 0 ? (state === 'completed' ? t('completed') : t('closed')) : hint ? t(hint) : null}</p>
            <LocationSharing visit={visit} />
            <StepButtons visit={visit} steps={steps} onOpenForm={setForm} />
            {available.length === 0 && (
              <ButtonLink href="/tech" variant="secondary" size="large">
                {t('backToToday')}
              </ButtonLink>
            )}
          </div>
        )}
      </Card>

      <Card as="section" aria-labelledby="visit-address" className="stack-sm">
        <h2 id="visit-address">{t('address')}</h2>
        <p className="tech-day__address-text">{visit.address}</p>
        <MapsLink visit={visit} />
        {visit.accessNotes && (
          <div className="tech-day__callout">
            <h3>{t('access')}</h3>
            <p>{visit.accessNotes}</p>
          </div>
        )}
      </Card>

      {visit.contacts.length > 0 && (
        <Card as="section" aria-labelledby="visit-contacts" className="stack-sm">
          <h2 id="visit-contacts">{t('contacts')}</h2>
          <ul className="tech-day__contacts">
            {visit.contacts.map((contact, index) => (
              <li key={index}>
                <span className="tech-day__contact-name">{contact.name}</span>
                {contact.phone ? (
                  <a className="ui-button ui-button--secondary tech-day__call" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} aria-label={`${t('call', { name: contact.name })}, ${contact.phone}`}>
                    {contact.phone}
                  </a>
                ) : (
                  <span className="muted small">{t('noPhone')}</span>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card as="section" aria-labelledby="visit-job" className="stack-sm">
        <h2 id="visit-job">{t('job')}</h2>
        <p className="tech-day__prose">{visit.description}</p>
      </Card>

      <Card as="section" aria-labelledby="visit-customer-notes" className="stack-sm">
        <h2 id="visit-customer-notes">{t('customerNotes')}</h2>
        {visit.customerNotes.length === 0 && <p className="muted">{t('noCustomerNotes')}</p>}
        {visit.customerNotes.map((note, index) => (
          <div key={index} className="tech-day__entry">
            <p className="small muted">
              {note.author} · {formatDateTime(note.at)}
            </p>
            {note.text && <p className="tech-day__prose">{note.text}</p>}
            <Photos jobId={visit.jobId} attachments={note.attachments} author={note.author} />
          </div>
        ))}
      </Card>

      {slots.afterCustomerNotes?.(visit)}

      {visit.visitNotes.length > 0 && (
        <Card as="section" aria-labelledby="visit-history" className="stack-sm">
          <h2 id="visit-history">{t('visitNotes')}</h2>
          {visit.visitNotes.map((note, index) => (
            <div key={index} className="tech-day__entry">
              <p className="small muted">
                {t(note.kind === 'paused' ? 'pausedBy' : 'completedBy', { number: note.visitNumber, name: note.author })} · {formatDateTime(note.at)}
              </p>
              {note.text && <p className="tech-day__prose">{note.text}</p>}
              <Photos jobId={visit.jobId} attachments={note.attachments} author={note.author} />
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}

function Photos({ jobId, attachments, author }: { jobId: string; attachments: Attachment[]; author: string }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="tech-day__photos">
      {attachments.map((attachment, index) => (
        <li key={attachment.id} className="tech-day__photo">
          <a href={attachmentUrl(jobId, attachment.id)} target="_blank" rel="noopener noreferrer">
            {attachment.contentType.startsWith('image/') ? (
              <img src={attachmentUrl(jobId, attachment.id)} alt={t('photoOf', { number: index + 1, author })} loading="lazy" />
            ) : (
              <span className="tech-day__file">{attachment.fileName}</span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}

function VisitSkeleton() {
  return (
    <div className="stack" aria-busy="true">
      <Skeleton width={140} height={20} />
      <div className="stack-sm">
        <Skeleton width={90} height={24} />
        <Skeleton width="70%" height={34} />
        <Skeleton width="60%" height={22} />
      </div>
      <Skeleton height={140} style={{ borderRadius: 10 }} />
      <Skeleton height={180} style={{ borderRadius: 10 }} />
    </div>
  );
}
