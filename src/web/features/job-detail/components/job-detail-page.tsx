import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { Alert, Badge, Button, Card, CardHeader, EmptyState, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { formatDateTime, formatWindow } from '../../../lib/format.js';
import { priorityLabel, priorityTone, statusLabel, statusTone } from '../../../lib/job-status.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { useJob } from '../api/get-job.js';
import { AddNoteForm } from './add-note-form.js';
import { AssignmentCard } from './assignment-card.js';
import { CancelDialog } from './cancel-dialog.js';
import { EditJobDialog } from './edit-job-dialog.js';
import { JobContacts } from './job-contacts.js';
import { JobTimeline } from './job-timeline.js';
import { t } from './messages.js';
import { ScheduleDialog, type ScheduleMode } from './schedule-dialog.js';
import './job-detail.css';

type OpenDialog = ScheduleMode | 'cancel' | 'edit' | undefined;

/**
 * What other features add to the job page, placed by the console app (features do not import each
 * other): the conversation with the customer, estimates and invoices, the survey answer.
 */
export interface JobDetailSlots {
  /** In the main column, above the activity. */
  beforeActivity?: (job: StaffJob) => ReactNode;
  /** In the side column, under the address. */
  afterLocation?: (job: StaffJob) => ReactNode;
}

/** One job for the dispatcher: its state and SLA, the actions its status allows, visits, activity, contacts. */
export function JobDetailPage({ slots = {} }: { slots?: JobDetailSlots }) {
  const { jobId } = useParams<{ jobId: string }>();
  const job = useJob(jobId);
  useLiveRefresh('/api/events', (event) => (event.data.jobId === jobId ? [['job', jobId]] : []));
  const [dialog, setDialog] = useState<OpenDialog>();

  if (job.isPending) return <JobDetailSkeleton />;
  if (job.isError) {
    const missing = job.error instanceof ApiError && job.error.status === 404;
    return (
      <div className="stack">
        <Link href="/console" className="job-detail__back">{t('back')}</Link>
        {missing ? (
          <EmptyState title={t('notFound')} />
        ) : (
          <Alert>
            <div className="row-between">
              <span>{t('loadError', { message: job.error.message })}</span>
              <Button variant="secondary" size="small" onClick={() => void job.refetch()}>
                {t('retry')}
              </Button>
            </div>
          </Alert>
        )}
      </div>
    );
  }

  const data = job.data;
  const actions = data.availableActions;
  const closed = data.status === 'completed' || data.status === 'cancelled';
  const openForTechnician = !closed && data.unassigned;

  return (
    <div className="job-detail">
      <nav className="small" aria-label="Breadcrumb">
        <Link href="/console" className="job-detail__back">{t('back')}</Link>
      </nav>

      <header className="job-detail__header">
        <div className="job-detail__heading">
          <h1>{data.reference}</h1>
          <div className="job-detail__badges">
            <Badge tone={statusTone(data.status)}>{statusLabel(data.status)}</Badge>
            <Badge tone={priorityTone(data.priority)}>{priorityLabel(data.priority)}</Badge>
            {openForTechnician && <Badge tone="warning">{t('unassigned')}</Badge>}
            {data.slaOverdue ? (
              <Badge tone="danger">{t('slaOverdue')}</Badge>
            ) : data.slaDueAt && !closed ? (
              <Badge>{t('slaDueAt', { time: formatDateTime(data.slaDueAt) })}</Badge>
            ) : null}
          </div>
          <dl className="job-detail__facts">
            <div>
              <dt>{t('forCustomer')}</dt>
              <dd>
                <Link href={`/console/customers/${data.customer.id}`}>{data.customer.name}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('category')}</dt>
              <dd>{data.category.name}</dd>
            </div>
            <div>
              <dt>{t('source')}</dt>
              <dd>{data.source.name}</dd>
            </div>
            <div>
              <dt>{t('created')}</dt>
              <dd>{formatDateTime(data.createdAt)}</dd>
            </div>
          </dl>
        </div>
        {!closed && (
          <div className="job-detail__actions" role="group" aria-label={t('actions')}>
            {actions.includes('schedule') && <Button onClick={() => setDialog('schedule')}>{t('schedule')}</Button>}
            {actions.includes('reschedule') && (
              <Button variant={actions.includes('schedule') ? 'secondary' : 'primary'} onClick={() => setDialog('reschedule')}>
                {t('reschedule')}
              </Button>
            )}
            {actions.includes('reassign') && (
              <Button variant="secondary" onClick={() => setDialog('reassign')}>
                {t('reassign')}
              </Button>
            )}
            <Button variant="secondary" onClick={() => setDialog('edit')}>
              {t('editDetails')}
            </Button>
            {actions.includes('cancel') && (
              <Button variant="ghost" className="job-detail__cancel" onClick={() => setDialog('cancel')}>
                {t('cancelJob')}
              </Button>
            )}
          </div>
        )}
      </header>

      {data.status === 'cancelled' && data.cancelReason && <Alert tone="info">{t('cancelledBecause', { reason: data.cancelReason })}</Alert>}
      {closed && data.status !== 'cancelled' && <Alert tone="info">{t('closedNote')}</Alert>}

      <div className="job-detail__grid">
        <div className="job-detail__main">
          <Card as="section" aria-labelledby="job-description-title">
            <CardHeader title={<span id="job-description-title">{t('description')}</span>} />
            <p className="job-detail__description">{data.description}</p>
            <h3 className="job-detail__subtitle job-detail__spaced">{t('preferredWindows')}</h3>
            {data.preferredWindows.length === 0 ? (
              <p className="small muted">{t('noPreferredWindows')}</p>
            ) : (
              <ul className="job-detail__windows">
                {data.preferredWindows.map((w) => (
                  <li key={w.start}>{formatWindow(w.start, w.end)}</li>
                ))}
              </ul>
            )}
          </Card>

          {slots.beforeActivity?.(data)}

          <Card as="section" aria-labelledby="job-activity-title">
            <CardHeader title={<span id="job-activity-title">{t('activity')}</span>} />
            <JobTimeline job={data} />
            {closed ? <p className="small muted">{t('notesClosed')}</p> : <AddNoteForm job={data} />}
          </Card>
        </div>

        <div className="job-detail__side">
          <Visits job={data} />
          <AssignmentCard job={data} />
          <Card as="section" aria-labelledby="job-location-title">
            <CardHeader title={<span id="job-location-title">{t('location')}</span>} />
            <address className="job-detail__address">
              {data.location.label && <strong>{data.location.label}</strong>}
              <span>{data.location.line1}</span>
              {data.location.line2 && <span>{data.location.line2}</span>}
              <span>
                {data.location.city} {data.location.region ?? ''} {data.location.postalCode}
              </span>
            </address>
            {data.location.accessNotes && (
              <div className="job-detail__access">
                <h3 className="job-detail__subtitle">{t('accessNotes')}</h3>
                <p>{data.location.accessNotes}</p>
              </div>
            )}
            <a
              className="small"
              href={`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(data.location.lat != null && data.location.lng != null ? `${data.location.lat},${data.location.lng}` : data.address)}`}
              target="_blank"
              rel="noreferrer"
            >
              {t('openMap')}
            </a>
          </Card>
          {slots.afterLocation?.(data)}
          <JobContacts job={data} />
          <Details job={data} />
        </div>
      </div>

      {dialog === 'cancel' && <CancelDialog job={data} onClose={() => setDialog(undefined)} />}
      {dialog === 'edit' && <EditJobDialog job={data} onClose={() => setDialog(undefined)} />}
      {(dialog === 'schedule' || dialog === 'reschedule' || dialog === 'reassign') && <ScheduleDialog job={data} mode={dialog} onClose={() => setDialog(undefined)} />}
    </div>
  );
}

const VISIT_STATUS = ['scheduled', 'en_route', 'in_progress', 'paused', 'completed', 'cancelled', 'interrupted'];

function Visits({ job }: { job: StaffJob }) {
  return (
    <Card as="section" aria-labelledby="job-visits-title">
      <CardHeader title={<span id="job-visits-title">{t('visits')}</span>} />
      {job.visits.length === 0 ? (
        <p className="muted">{t('noVisits')}</p>
      ) : (
        <ol className="job-detail__visits">
          {[...job.visits].reverse().map((visit) => (
            <li key={visit.id}>
              <div className="row-between">
                <strong>{t('visitTitle', { number: visit.visitNumber })}</strong>
                <Badge tone={visit.status === 'completed' ? 'success' : visit.status === 'cancelled' || visit.status === 'interrupted' ? 'neutral' : 'info'}>
                  {VISIT_STATUS.includes(visit.status) ? t(`visitStatus_${visit.status}` as 'visitStatus_scheduled') : visit.status}
                </Badge>
              </div>
              <div>{formatWindow(visit.windowStart, visit.windowEnd)}</div>
              <div className="small muted">{visit.technician?.name ?? t('noTechnician')}</div>
              {visit.enRouteAt && <div className="small muted">{t('visitEnRoute', { time: formatDateTime(visit.enRouteAt) })}</div>}
              {visit.startedAt && <div className="small muted">{t('visitStarted', { time: formatDateTime(visit.startedAt) })}</div>}
              {visit.completedAt && <div className="small muted">{t('visitCompleted', { time: formatDateTime(visit.completedAt) })}</div>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Details({ job }: { job: StaffJob }) {
  return (
    <Card as="section" aria-labelledby="job-details-title">
      <CardHeader title={<span id="job-details-title">{t('details')}</span>} />
      <dl className="ui-details small job-detail__details">
        <dt>{t('priority')}</dt>
        <dd>{priorityLabel(job.priority)}</dd>
        <dt>{t('slaDue')}</dt>
        <dd>{job.slaDueAt ? formatDateTime(job.slaDueAt) : t('noSla')}</dd>
        {job.slaAcknowledgedAt && (
          <>
            <dt>{t('slaAcknowledged')}</dt>
            <dd>{formatDateTime(job.slaAcknowledgedAt)}</dd>
          </>
        )}
        <dt>{t('source')}</dt>
        <dd>{job.source.name}</dd>
        {job.externalRef && (
          <>
            <dt>{t('externalRef')}</dt>
            <dd>{job.externalRef}</dd>
          </>
        )}
      </dl>
    </Card>
  );
}

function JobDetailSkeleton() {
  return (
    <div className="job-detail" aria-busy="true">
      <Skeleton width={80} height={16} />
      <div className="stack-sm">
        <Skeleton width={220} height={34} />
        <Skeleton width={320} height={22} />
        <Skeleton width={480} height={40} />
      </div>
      <div className="job-detail__grid">
        <div className="job-detail__main">
          <Skeleton height={180} />
          <Skeleton height={420} />
        </div>
        <div className="job-detail__side">
          <Skeleton height={150} />
          <Skeleton height={200} />
          <Skeleton height={260} />
        </div>
      </div>
    </div>
  );
}
