import { Card } from '../../../components/ui/index.js';
import type { CustomerJob, JobStatus } from '../../../lib/api-types.js';
import { formatDateTime, formatTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';

const t = defineMessages({
  en: {
    createdTitle: 'Request received',
    createdBody: 'Thank you. We will schedule your visit soon and let you know the time.',
    scheduledTitle: 'Scheduled for {window}',
    scheduledBody: 'We will let you know when your technician is on the way.',
    scheduledBodyNamed: '{name} will be your technician. We will let you know when they are on the way.',
    rescheduledBody: 'Your visit was moved to this new time.',
    enRouteTitle: '{name} is on the way',
    enRouteTitleAnonymous: 'Your technician is on the way',
    enRouteBody: 'Expected during your appointment window, {window}.',
    enRouteLateBody: 'Running late: now expected around {time}, after your appointment window ({window}). We are sorry for the wait.',
    inProgressTitle: 'In progress',
    inProgressBody: 'The work on your job has started.',
    inProgressBodyNamed: '{name} is working on your job.',
    pausedTitle: 'Paused: {message}',
    pausedTitlePlain: 'Paused',
    pausedBody: 'The work is on hold. We will be in touch about the next visit.',
    completedTitle: 'Completed',
    completedBody: 'Completed on {date}. Thank you for choosing {company}.',
    completedBodyNoDate: 'Thank you for choosing {company}.',
    cancelledTitle: 'Cancelled',
    cancelledBody: 'Reason: {reason}',
    cancelledBodyPlain: 'This job was cancelled.',
    reference: '{category} · Reference {reference}',
    progress: 'Progress',
    stepReceived: 'Received',
    stepScheduled: 'Scheduled',
    stepOnTheWay: 'On the way',
    stepInProgress: 'In progress',
    stepCompleted: 'Completed',
    stepDone: '{step} (done)',
    stepCurrent: '{step} (current step)',
  },
});

const newest = (job: CustomerJob, type: string) => [...job.timeline].reverse().find((entry) => entry.type === type);
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** The one sentence that tells where the job is, and the line under it. */
export function heroText(job: CustomerJob): { title: string; body: string } {
  const status = job.status as JobStatus;
  const window = job.appointment ? formatWindow(job.appointment.windowStart, job.appointment.windowEnd) : undefined;
  const technician = job.technician ? firstName(job.technician.name) : undefined;
  switch (status) {
    case 'created':
      return { title: t('createdTitle'), body: t('createdBody') };
    case 'scheduled':
    case 'rescheduled':
      if (!window) return { title: t('createdTitle'), body: t('createdBody') };
      return {
        title: t('scheduledTitle', { window }),
        body: status === 'rescheduled' ? t('rescheduledBody') : technician ? t('scheduledBodyNamed', { name: job.technician!.name }) : t('scheduledBody'),
      };
    case 'en_route': {
      const title = technician ? t('enRouteTitle', { name: technician }) : t('enRouteTitleAnonymous');
      // Running late is recorded once per trip, after the trip's "on the way" step.
      const setOut = newest(job, 'job.en_route');
      const late = newest(job, 'job.running_late');
      const etaAt = late && (!setOut || late.at >= setOut.at) ? String(job.tracking?.eta?.arrivalAt ?? late.data.etaAt ?? '') : '';
      if (window && etaAt) return { title, body: t('enRouteLateBody', { time: formatTime(etaAt), window }) };
      return { title, body: window ? t('enRouteBody', { window }) : '' };
    }
    case 'in_progress':
      return { title: t('inProgressTitle'), body: technician ? t('inProgressBodyNamed', { name: technician }) : t('inProgressBody') };
    case 'paused': {
      const message = String(newest(job, 'job.paused')?.data.message ?? '').trim();
      return { title: message ? t('pausedTitle', { message }) : t('pausedTitlePlain'), body: t('pausedBody') };
    }
    case 'completed': {
      const at = newest(job, 'job.completed')?.at;
      return { title: t('completedTitle'), body: at ? t('completedBody', { date: formatDateTime(at), company: job.company.name }) : t('completedBodyNoDate', { company: job.company.name }) };
    }
    case 'cancelled':
      return { title: t('cancelledTitle'), body: job.cancelReason ? t('cancelledBody', { reason: job.cancelReason }) : t('cancelledBodyPlain') };
  }
}

const STEP_OF: Record<JobStatus, number> = { created: 0, scheduled: 1, rescheduled: 1, en_route: 2, in_progress: 3, paused: 3, completed: 4, cancelled: -1 };
const STEPS = ['stepReceived', 'stepScheduled', 'stepOnTheWay', 'stepInProgress', 'stepCompleted'] as const;

const ICONS: Record<string, string> = {
  created: 'M9 11l3 3L22 4M21 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11',
  scheduled: 'M8 2v4M16 2v4M3 10h18M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  en_route: 'M1 3h15v13H1zM16 8h4l3 3v5h-7zM5.5 21a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM18.5 21a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  in_progress: 'M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.77-3.77a6 6 0 0 1-7.94 7.94l-6.91 6.91a2.12 2.12 0 0 1-3-3l6.91-6.91a6 6 0 0 1 7.94-7.94z',
  paused: 'M10 4H6v16h4zM18 4h-4v16h4z',
  completed: 'M22 11.08V12a10 10 0 1 1-5.93-9.14M22 4 12 14.01l-3-3',
  cancelled: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM15 9l-6 6M9 9l6 6',
};

/** The top of the job page: an icon, the status sentence as the page's heading, and the job's progress. */
export function JobHero({ job }: { job: CustomerJob }) {
  const status = job.status as JobStatus;
  const { title, body } = heroText(job);
  const step = STEP_OF[status];
  const icon = ICONS[status === 'rescheduled' ? 'scheduled' : status];
  return (
    <Card as="section" className={`job-status__hero job-status__hero--${status}`} aria-labelledby="job-status-title">
      <div className="job-status__hero-main">
        <span className="job-status__hero-icon" aria-hidden="true">
          <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d={icon} />
          </svg>
        </span>
        <div className="stack-sm">
          <h1 id="job-status-title" tabIndex={-1} className={`job-status__hero-title${title.length > 48 ? ' job-status__hero-title--long' : ''}`}>
            {title}
          </h1>
          {body && <p className="job-status__hero-body">{body}</p>}
          <p className="small muted">
            {t('reference', { reference: job.reference, category: job.category })}
          </p>
        </div>
      </div>
      {step >= 0 && (
        <ol className="job-status__steps" aria-label={t('progress')}>
          {STEPS.map((key, index) => {
            const state = index < step || status === 'completed' ? 'done' : index === step ? 'current' : 'todo';
            const label = t(key);
            return (
              <li key={key} className={`job-status__step job-status__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span className="job-status__step-dot" aria-hidden="true" />
                <span className="job-status__step-label">
                  <span aria-hidden="true">{label}</span>
                  <span className="visually-hidden">{state === 'done' ? t('stepDone', { step: label }) : state === 'current' ? t('stepCurrent', { step: label }) : label}</span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
