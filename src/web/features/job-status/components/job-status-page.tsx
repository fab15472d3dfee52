import { useEffect, type ReactNode } from 'react';
import { useParams } from 'wouter';
import { Alert, Avatar, Button, ButtonLink, Card, CardHeader, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { useProvideBrand } from '../../../lib/brand.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { defineMessages } from '../../../lib/i18n.js';
import { priorityLabel } from '../../../lib/job-status.js';
import { useCustomerJob } from '../api/get-customer-job.js';
import { AddNoteForm } from './add-note-form.js';
import { AppointmentCard } from './appointment-card.js';
import { heroText, JobHero } from './job-hero.js';
import { JobTimeline } from './job-timeline.js';
import { JobTracking } from './job-tracking.js';
import './job-status.css';

const t = defineMessages({
  en: {
    technician: 'Your technician',
    address: 'Service address',
    accessNotes: 'Access notes: {notes}',
    maps: 'Open in Maps',
    activity: 'Activity',
    request: 'Your request',
    category: 'Service',
    priority: 'Priority',
    description: 'Description',
    questions: 'Questions about this job?',
    callBody: 'Call us and mention reference {reference}.',
    call: 'Call {company}',
    noAccessTitle: 'This page needs a valid link or sign-in',
    noAccessBody: 'The link may have expired, or this job belongs to another account. Sign in with your email address to see your jobs.',
    signIn: 'Sign in',
    errorTitle: 'We could not load your job',
    errorBody: 'Check your connection and try again.',
    retry: 'Try again',
    documentTitle: '{status} – {company}',
  },
});

/**
 * What other features add to the job page, placed by the portal app (features do not import each
 * other): the survey prompt, estimates and invoices, the conversation with the company.
 */
export interface JobPageSlots {
  /** Under the hero, above the live tracking. */
  afterHero?: (job: CustomerJob) => ReactNode;
  /** Under the appointment card. */
  afterAppointment?: (job: CustomerJob) => ReactNode;
  /** Under the activity and the note form. */
  afterActivity?: (job: CustomerJob) => ReactNode;
}

/** /portal/jobs/:jobId — where the job is, at a glance, and everything about the visit. */
export function JobStatusPage({ slots = {} }: { slots?: JobPageSlots }) {
  const { jobId = '' } = useParams<{ jobId: string }>();
  const job = useCustomerJob(jobId);
  useLiveRefresh(jobId ? `/api/portal/jobs/${jobId}/events` : null, () => [['portal-job', jobId]]);
  useProvideBrand(job.data?.company);

  if (job.isPending) return <JobStatusSkeleton />;
  if (job.isError && !job.data) {
    const noAccess = job.error instanceof ApiError && [400, 401, 403, 404].includes(job.error.status);
    return noAccess ? (
      <Card className="job-status__message stack">
        <h1>{t('noAccessTitle')}</h1>
        <p>{t('noAccessBody')}</p>
        <div>
          <ButtonLink href="/portal/sign-in">{t('signIn')}</ButtonLink>
        </div>
      </Card>
    ) : (
      <Card className="job-status__message stack">
        <h1>{t('errorTitle')}</h1>
        <Alert>{t('errorBody')}</Alert>
        <div>
          <Button onClick={() => void job.refetch()} loading={job.isFetching}>
            {t('retry')}
          </Button>
        </div>
      </Card>
    );
  }
  return <JobStatusView job={job.data} slots={slots} />;
}

function JobStatusView({ job, slots }: { job: CustomerJob; slots: JobPageSlots }) {
  const title = heroText(job).title;
  useEffect(() => {
    document.title = t('documentTitle', { status: title, company: job.company.name });
  }, [title, job.company.name]);

  const mapsQuery = job.location.lat !== null && job.location.lng !== null ? `${job.location.lat},${job.location.lng}` : job.location.address;
  const phoneHref = job.company.phone ? `tel:${job.company.phone.replace(/[^+\d]/g, '')}` : undefined;
  return (
    <div className="job-status stack">
      <JobHero job={job} />
      {slots.afterHero?.(job)}
      <JobTracking job={job} />

      <AppointmentCard job={job} />

      {slots.afterAppointment?.(job)}

      {job.technician && (
        <Card as="section" aria-labelledby="job-status-technician">
          <CardHeader title={<span id="job-status-technician">{t('technician')}</span>} />
          <div className="job-status__technician">
            <Avatar name={job.technician.name} photoUrl={job.technician.photoUrl} size={64} />
            <div className="stack-sm">
              <p className="job-status__technician-name">{job.technician.name}</p>
              {job.technician.bio && <p className="muted">{job.technician.bio}</p>}
            </div>
          </div>
        </Card>
      )}

      <Card as="section" aria-labelledby="job-status-address">
        <CardHeader title={<span id="job-status-address">{t('address')}</span>} />
        <div className="stack-sm">
          <address className="job-status__address">
            {job.location.label && <strong>{job.location.label}</strong>}
            <span>{job.location.address}</span>
          </address>
          {job.location.accessNotes && <p className="muted">{t('accessNotes', { notes: job.location.accessNotes })}</p>}
          <div>
            <ButtonLink variant="secondary" size="small" external href={`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(mapsQuery)}`} target="_blank" rel="noreferrer">
              {t('maps')}
            </ButtonLink>
          </div>
        </div>
      </Card>

      <Card as="section" aria-labelledby="job-status-activity">
        <CardHeader title={<span id="job-status-activity">{t('activity')}</span>} />
        <JobTimeline job={job} />
      </Card>

      {job.canAddNote && <AddNoteForm jobId={job.id} />}

      {slots.afterActivity?.(job)}

      <Card as="section" aria-labelledby="job-status-request">
        <CardHeader title={<span id="job-status-request">{t('request')}</span>} />
        <dl className="ui-details">
          <dt>{t('category')}</dt>
          <dd>{job.category}</dd>
          <dt>{t('priority')}</dt>
          <dd>{priorityLabel(job.priority)}</dd>
          <dt>{t('description')}</dt>
          <dd className="job-status__description">{job.description}</dd>
        </dl>
      </Card>

      {phoneHref && (
        <Card as="section" aria-labelledby="job-status-questions" className="job-status__call">
          <div className="stack-sm job-status__call-text">
            <h2 id="job-status-questions">{t('questions')}</h2>
            <p className="muted">{t('callBody', { reference: job.reference })}</p>
          </div>
          <ButtonLink external href={phoneHref}>
            {t('call', { company: job.company.name })}
          </ButtonLink>
        </Card>
      )}
    </div>
  );
}

function JobStatusSkeleton() {
  return (
    <div className="job-status stack" aria-busy="true">
      <Card className="job-status__hero">
        <div className="job-status__hero-main">
          <Skeleton width={52} height={52} style={{ borderRadius: '50%', flex: 'none' }} />
          <div className="stack-sm" style={{ flex: 1 }}>
            <Skeleton height={32} width="80%" />
            <Skeleton height={20} />
            <Skeleton height={16} width="50%" />
          </div>
        </div>
        <Skeleton height={44} />
      </Card>
      <Card>
        <Skeleton height={24} width="50%" />
        <Skeleton height={20} style={{ marginTop: 16 }} />
      </Card>
      <Card>
        <Skeleton height={24} width="50%" />
        <Skeleton height={64} style={{ marginTop: 16 }} />
      </Card>
      <Card>
        <Skeleton height={24} width="40%" />
        <Skeleton height={60} style={{ marginTop: 16 }} />
      </Card>
      <Card>
        <Skeleton height={24} width="30%" />
        <Skeleton height={160} style={{ marginTop: 16 }} />
      </Card>
    </div>
  );
}
