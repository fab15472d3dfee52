import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useParams } from 'wouter';
import { Alert, ButtonLink, Card, Skeleton } from '../../../components/ui/index.js';
import type { ServiceRequestResult } from '../../../lib/api-types.js';
import { useProvideBrand } from '../../../lib/brand.js';
import { formatDateTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { statusLabel } from '../../../lib/job-status.js';
import { useRequestJob } from '../api/get-request-job.js';
import { requestResultKey } from '../api/submit-request.js';
import { slaSentence } from './sla.js';
import './service-requests.css';

const t = defineMessages({
  en: {
    title: 'Request sent',
    lead: 'Thank you. We have your request and will be in touch.',
    bookedTitle: 'Your visit is booked',
    bookedLead: 'Thank you. We have your request, and a technician will come in the arrival window you chose.',
    bookedWindow: 'Arrival window',
    bookedHint: 'You can change or cancel it from the job page.',
    reference: 'Your reference number',
    referenceHint: 'Keep it for any question about this request.',
    due: 'We aim to respond by {date}.',
    status: 'Status: {status}',
    nextSteps: 'What happens next',
    genericStep1: 'We will confirm an arrival window as soon as we can.',
    genericStep2: 'You can add notes or photos from the job page at any time before the visit.',
    genericStep3: 'You will be notified when the visit is scheduled and when your technician is on the way.',
    bookedStep1: 'Your visit is booked in the arrival window you chose; you can move or cancel it from the job page.',
    bookedStep2: 'You can add notes or photos from the job page at any time before the visit.',
    bookedStep3: 'You will be notified when your technician is on the way.',
    view: 'Follow your request',
    myJobs: 'Back to my jobs',
    notFound: 'We could not find this request. It may belong to another account.',
    documentTitle: 'Request sent',
  },
});

/** /portal/requests/:jobId/submitted — the confirmation: the reference number and what happens next. */
export function RequestSubmittedPage() {
  const { jobId = '' } = useParams<{ jobId: string }>();
  const queryClient = useQueryClient();
  // Right after sending, the answer is at hand; after a reload only the job is, so it is fetched.
  const result = queryClient.getQueryData<ServiceRequestResult>(requestResultKey(jobId));
  const job = useRequestJob(jobId, !result);
  useProvideBrand(job.data?.company);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('documentTitle');
    headingRef.current?.focus();
  }, []);

  const reference = result?.job.reference ?? job.data?.reference;
  const dueAt = result?.sla.dueAt ?? job.data?.slaDueAt ?? null;
  // A window booked with the request; after a reload, the job's visit (still the one booked, unless moved since).
  const appointment = result ? result.appointment : (job.data?.appointment ?? null);
  const steps = result?.nextSteps ?? (appointment ? [t('bookedStep1'), t('bookedStep2'), t('bookedStep3')] : [t('genericStep1'), t('genericStep2'), t('genericStep3')]);

  return (
    <Card className="service-requests__done stack">
      <div className="service-requests__done-head">
        <span className="service-requests__done-icon" aria-hidden="true">
          <svg width="32" height="32" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
            <path d="M20 6 9 17l-5-5" />
          </svg>
        </span>
        <div className="stack-sm">
          <h1 ref={headingRef} tabIndex={-1}>
            {appointment ? t('bookedTitle') : t('title')}
          </h1>
          <p>{appointment ? t('bookedLead') : t('lead')}</p>
        </div>
      </div>

      {appointment && (
        <div className="service-requests__booked">
          <p className="small muted">{t('bookedWindow')}</p>
          <p className="service-requests__booked-window">{formatWindow(appointment.windowStart, appointment.windowEnd)}</p>
          <p className="small muted">{t('bookedHint')}</p>
        </div>
      )}

      {job.isError && !result ? (
        <Alert>{t('notFound')}</Alert>
      ) : (
        <div className="service-requests__reference">
          <p className="small muted">{t('reference')}</p>
          {reference ? <p className="service-requests__reference-number">{reference}</p> : <Skeleton height={36} width={200} />}
          <p className="small muted">{t('referenceHint')}</p>
        </div>
      )}

      {(result || job.data) && (
        <div className="stack-sm">
          {result && <p>{slaSentence(result.sla.minutes)}</p>}
          {dueAt && <p className="muted">{t('due', { date: formatDateTime(dueAt) })}</p>}
          {!result && job.data && <p className="muted">{t('status', { status: statusLabel(job.data.status) })}</p>}
        </div>
      )}

      <section className="stack-sm" aria-labelledby="request-next-steps">
        <h2 id="request-next-steps">{t('nextSteps')}</h2>
        <ol className="service-requests__steps-list">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>

      <div className="row">
        <ButtonLink href={`/portal/jobs/${jobId}`}>{t('view')}</ButtonLink>
        <ButtonLink href="/portal/jobs" variant="secondary">
          {t('myJobs')}
        </ButtonLink>
      </div>
    </Card>
  );
}
