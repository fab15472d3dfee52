import { useEffect, type ReactNode } from 'react';
import { Link, Redirect } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, EmptyState, PageHeader, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { JobStatus, MyJob } from '../../../lib/api-types.js';
import { formatDay, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { statusLabel, statusTone } from '../../../lib/job-status.js';
import { useMyJobs } from '../api/get-my-jobs.js';
import './my-jobs.css';

const t = defineMessages({
  en: {
    title: 'My jobs',
    subtitle: 'Follow your visits and find everything we did for you.',
    request: 'Request service',
    newRequest: 'New request',
    open: 'Open',
    past: 'Past',
    noOpen: 'No open jobs',
    noOpenBody: 'Need something fixed or serviced? Tell us what is going on and we will book a visit.',
    noPast: 'Completed and cancelled jobs will appear here.',
    emptyTitle: 'No jobs yet',
    emptyBody: 'When you request a service, you can follow it here from request to completion.',
    more: 'Show more',
    appointment: 'Visit: {window}',
    appointmentWith: 'Visit: {window}, with {name}',
    requested: 'Requested {date}',
    error: 'We could not load your jobs. Check your connection and try again.',
    retry: 'Try again',
    documentTitle: 'My jobs',
  },
});

/** /portal/jobs — the signed-in customer's open and past jobs, each opening its status page. */
export function MyJobsPage() {
  const open = useMyJobs(true);
  const past = useMyJobs(false);
  useEffect(() => {
    document.title = t('documentTitle');
  }, []);

  const signedOut = [open.error, past.error].some((e) => e instanceof ApiError && (e.status === 401 || e.status === 403));
  if (signedOut) return <Redirect to="/portal/sign-in" replace />;

  const openJobs = open.data?.pages.flatMap((p) => p.items) ?? [];
  const pastJobs = past.data?.pages.flatMap((p) => p.items) ?? [];
  const loaded = open.isSuccess && past.isSuccess;
  const nothingAtAll = loaded && openJobs.length === 0 && pastJobs.length === 0;

  return (
    <div className="stack">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          !nothingAtAll && (
            <ButtonLink href="/portal/requests/new" size="small">
              {t('newRequest')}
            </ButtonLink>
          )
        }
      />
      {nothingAtAll ? (
        <Card>
          <EmptyState title={t('emptyTitle')} action={<ButtonLink href="/portal/requests/new">{t('request')}</ButtonLink>}>
            {t('emptyBody')}
          </EmptyState>
        </Card>
      ) : (
        <>
          <JobSection id="my-jobs-open" title={t('open')} query={open} jobs={openJobs} empty={<EmptyState title={t('noOpen')} action={<ButtonLink href="/portal/requests/new">{t('request')}</ButtonLink>}>{t('noOpenBody')}</EmptyState>} />
          <JobSection id="my-jobs-past" title={t('past')} query={past} jobs={pastJobs} empty={<p className="muted my-jobs__empty">{t('noPast')}</p>} />
        </>
      )}
    </div>
  );
}

function JobSection({ id, title, query, jobs, empty }: { id: string; title: string; query: ReturnType<typeof useMyJobs>; jobs: MyJob[]; empty: ReactNode }) {
  return (
    <section className="stack-sm" aria-labelledby={id}>
      <h2 id={id} className="my-jobs__heading">
        {title}
        {query.isSuccess && jobs.length > 0 && <span className="my-jobs__count" aria-hidden="true">{jobs.length}{query.hasNextPage ? '+' : ''}</span>}
      </h2>
      {query.isPending ? (
        <ul className="my-jobs__list" aria-busy="true">
          {[0, 1].map((i) => (
            <li key={i}>
              <div className="my-jobs__card">
                <Skeleton height={18} width="40%" />
                <Skeleton height={22} width="70%" />
                <Skeleton height={16} width="90%" />
              </div>
            </li>
          ))}
        </ul>
      ) : query.isError ? (
        <Alert>
          <span className="row-between">
            {t('error')}
            <Button size="small" variant="secondary" onClick={() => void query.refetch()}>
              {t('retry')}
            </Button>
          </span>
        </Alert>
      ) : jobs.length === 0 ? (
        <Card>{empty}</Card>
      ) : (
        <>
          <ul className="my-jobs__list">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard job={job} />
              </li>
            ))}
          </ul>
          {query.hasNextPage && (
            <div>
              <Button variant="secondary" block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                {t('more')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function JobCard({ job }: { job: MyJob }) {
  const status = job.status as JobStatus;
  const when = job.appointment
    ? job.appointment.technicianName
      ? t('appointmentWith', { window: formatWindow(job.appointment.windowStart, job.appointment.windowEnd), name: job.appointment.technicianName })
      : t('appointment', { window: formatWindow(job.appointment.windowStart, job.appointment.windowEnd) })
    : t('requested', { date: formatDay(job.createdAt) });
  return (
    <Link href={`/portal/jobs/${job.id}`} className={`my-jobs__card${status === 'completed' || status === 'cancelled' ? ' my-jobs__card--past' : ''}`}>
      <span className="my-jobs__top">
        <span className="my-jobs__reference">{job.reference}</span>
        <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>
      </span>
      <span className="my-jobs__category">{job.category}</span>
      <span className="my-jobs__description">{job.description}</span>
      <span className="my-jobs__when">{when}</span>
      <span className="my-jobs__address muted">{job.address}</span>
    </Link>
  );
}
