import { Timeline, type TimelineItem } from '../../../components/ui/index.js';
import type { CustomerJob, TimelineEntry } from '../../../lib/api-types.js';
import { formatDateTime, formatTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { describeBillingEntryForCustomer as describeBillingEntry } from '../../../lib/billing-timeline.js';

const t = defineMessages({
  en: {
    created: 'Request received',
    scheduled: 'Visit scheduled for {window}',
    rescheduled: 'Visit moved to {window}',
    followUp: 'Follow-up visit scheduled for {window}',
    technicianAssigned: '{name} will be your technician',
    enRoute: '{name} is on the way',
    enRouteAnonymous: 'Your technician is on the way',
    runningLate: '{name} is running late',
    runningLateAnonymous: 'Your technician is running late',
    runningLateBody: 'Now expected around {time}.',
    started: 'Work started',
    paused: 'Work paused',
    resumed: 'Work resumed',
    completed: 'Job completed',
    cancelled: 'Job cancelled',
    noteFrom: 'Note from {name}',
    photosFrom: 'Photos from {name}',
    update: 'Update from {name}',
    photoAlt: 'Photo {name}',
    reason: 'Reason: {reason}',
    byTechnician: 'Technician: {name}',
  },
});

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function describe(entry: TimelineEntry): { title: string; body?: string } {
  const d = entry.data;
  const window = text(d.windowStart) && text(d.windowEnd) ? formatWindow(text(d.windowStart), text(d.windowEnd)) : '';
  const technician = text(d.technicianName);
  switch (entry.type) {
    case 'job.created':
      return { title: t('created') };
    case 'job.scheduled':
      return { title: t('scheduled', { window }), ...(technician && { body: t('byTechnician', { name: technician }) }) };
    case 'job.rescheduled':
      return { title: t(d.followUp === true ? 'followUp' : 'rescheduled', { window }), ...(text(d.reason) && { body: t('reason', { reason: text(d.reason) }) }) };
    case 'job.technician_assigned':
      return { title: t('technicianAssigned', { name: technician }) };
    case 'job.en_route':
      return { title: technician ? t('enRoute', { name: technician }) : t('enRouteAnonymous') };
    case 'job.running_late':
      return { title: technician ? t('runningLate', { name: technician }) : t('runningLateAnonymous'), ...(text(d.etaAt) && { body: t('runningLateBody', { time: formatTime(text(d.etaAt)) }) }) };
    case 'job.started':
      return { title: t('started') };
    case 'job.paused':
      return { title: t('paused'), body: text(d.message) };
    case 'job.resumed':
      return { title: t('resumed') };
    case 'job.completed':
      return { title: t('completed'), body: text(d.notes) };
    case 'job.cancelled':
      return { title: t('cancelled'), ...(text(d.reason) && { body: t('reason', { reason: text(d.reason) }) }) };
    case 'job.note_added':
      return { title: text(d.text) ? t('noteFrom', { name: entry.actor.name }) : t('photosFrom', { name: entry.actor.name }), body: text(d.text) };
    default:
      return describeBillingEntry(entry) ?? { title: t('update', { name: entry.actor.name }) };
  }
}

/** The job's activity: every step the customer may see, with its date and time, newest last. */
export function JobTimeline({ job }: { job: CustomerJob }) {
  const fileUrl = (attachmentId: string) => `/api/portal/jobs/${job.id}/attachments/${attachmentId}`;
  // The request's description is on the page already ("Your request"); the timeline keeps to what happened.
  const items: TimelineItem[] = job.timeline.map((entry) => {
    const { title, body } = describe(entry);
    const photos = entry.attachments.filter((a) => a.contentType.startsWith('image/'));
    const files = entry.attachments.filter((a) => !a.contentType.startsWith('image/'));
    return {
      id: entry.id,
      title,
      at: entry.at,
      time: formatDateTime(entry.at),
      ...(body ? { body } : {}),
      photos: photos.map((a) => ({ url: fileUrl(a.id), alt: t('photoAlt', { name: a.fileName }) })),
      files: files.map((a) => ({ url: fileUrl(a.id), name: a.fileName })),
    };
  });
  return <Timeline items={items} />;
}
