import { Badge, Timeline, type TimelineItem } from '../../../components/ui/index.js';
import type { Priority, StaffJob, TimelineEntry } from '../../../lib/api-types.js';
import { formatDateTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { priorityLabel } from '../../../lib/job-status.js';
import { describeBillingEntryForStaff as describeBillingEntry } from '../../../lib/billing-timeline.js';

const t = defineMessages({
  en: {
    created: 'Request received from {actor}',
    createdByStaff: 'Job created by {actor}',
    createdByPartner: 'Job sent by {actor}',
    scheduled: 'Scheduled with {technician} by {actor}',
    rescheduled: 'Moved to {window} with {technician} by {actor}',
    followUp: 'Follow-up visit booked for {window} with {technician} by {actor}',
    reassigned: 'Given to {technician} by {actor}',
    assignedAutomatically: 'Assigned automatically: {reason}',
    chosenByCustomer: 'Technician chosen by the customer.',
    overridden: '{actor} overrode the automatic assignment: {technician} instead',
    overriddenChoice: '{actor} overrode the customer’s choice: {technician} instead',
    overriddenReason: 'The rules had chosen: {reason}',
    cancelled: 'Cancelled by {actor}',
    contactAdded: '{contact} added to the job by {actor}',
    contactNotified: 'They receive notifications.',
    contactNotNotified: 'They do not receive notifications.',
    customerNote: 'Note from {actor}',
    staffNote: 'Note by {actor}',
    enRoute: '{actor} is on the way',
    started: '{actor} started the work',
    paused: '{actor} paused the work',
    resumed: '{actor} resumed the work',
    completed: '{actor} completed the job',
    updated: 'Details changed by {actor}',
    changePriority: 'Priority: {from} → {to}',
    changeCategory: 'Category: now {to}',
    changeDescription: 'Description changed',
    changeNotificationsOn: 'Notifications turned on',
    changeNotificationsOff: 'Notifications turned off',
    other: '{type} by {actor}',
    fromCustomer: 'From the customer',
    internal: 'Internal',
    shared: 'Shared with the customer',
    photoAlt: 'Photo {name}, added by {actor}',
    reasonLine: 'Reason: {reason}',
  },
});

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function describe(entry: TimelineEntry): Pick<TimelineItem, 'title' | 'body'> {
  const actor = entry.actor.name;
  const d = entry.data;
  const window = str(d.windowStart) && str(d.windowEnd) ? formatWindow(str(d.windowStart), str(d.windowEnd)) : '';
  switch (entry.type) {
    case 'job.created':
      return { title: t(entry.actor.kind === 'user' ? 'createdByStaff' : entry.actor.kind === 'integration' ? 'createdByPartner' : 'created', { actor }), body: str(d.description) };
    case 'job.scheduled': {
      const assignment = (d.assignment ?? null) as { method?: string; reason?: string } | null;
      const how = assignment?.method === 'auto' ? t('assignedAutomatically', { reason: str(assignment.reason) }) : assignment?.method === 'customer' ? t('chosenByCustomer') : '';
      return { title: t('scheduled', { technician: str(d.technicianName), actor }), body: how ? `${window}\n${how}` : window };
    }
    case 'job.assignment_overridden':
      return {
        title: t(d.previousMethod === 'customer' ? 'overriddenChoice' : 'overridden', { technician: str(d.technicianName), actor }),
        body: str(d.previousReason) && t('overriddenReason', { reason: str(d.previousReason) }),
      };
    case 'job.rescheduled':
      return { title: t(d.followUp ? 'followUp' : 'rescheduled', { window, technician: str(d.technicianName), actor }), body: str(d.reason) && t('reasonLine', { reason: str(d.reason) }) };
    case 'job.technician_assigned':
      return { title: t('reassigned', { technician: str(d.technicianName), actor }) };
    case 'job.cancelled':
      return { title: t('cancelled', { actor }), body: t('reasonLine', { reason: str(d.reason) }) };
    case 'job.contact_added':
      return { title: t('contactAdded', { contact: str(d.contactName), actor }), body: t(d.notify ? 'contactNotified' : 'contactNotNotified') };
    case 'job.note_added': {
      const fromCustomer = Boolean(d.fromCustomer);
      const badge = fromCustomer ? <Badge tone="info">{t('fromCustomer')}</Badge> : entry.visibility === 'staff' ? <Badge>{t('internal')}</Badge> : <Badge tone="success">{t('shared')}</Badge>;
      return {
        title: (
          <span className="job-detail__entry-title">
            {t(fromCustomer ? 'customerNote' : 'staffNote', { actor })} {badge}
          </span>
        ),
        body: str(d.text),
      };
    }
    case 'job.en_route':
      return { title: t('enRoute', { actor }) };
    case 'job.started':
      return { title: t('started', { actor }) };
    case 'job.paused':
      return { title: t('paused', { actor }), body: str(d.message) };
    case 'job.resumed':
      return { title: t('resumed', { actor }) };
    case 'job.completed':
      return { title: t('completed', { actor }), body: str(d.notes) };
    case 'job.updated': {
      const changes = (d.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const lines = Object.entries(changes).map(([field, change]) => {
        if (field === 'priority') return t('changePriority', { from: priorityLabel(change.from as Priority), to: priorityLabel(change.to as Priority) });
        if (field === 'category') return t('changeCategory', { to: str(change.to) });
        if (field === 'notificationsEnabled') return t(change.to ? 'changeNotificationsOn' : 'changeNotificationsOff');
        return t('changeDescription');
      });
      return { title: t('updated', { actor }), body: lines.join('\n') };
    }
    default:
      return describeBillingEntry(entry) ?? { title: t('other', { type: entry.type, actor }) };
  }
}

/** The job's activity, every step with its time; customer notes and photos stand out from staff notes. */
export function JobTimeline({ job }: { job: StaffJob }) {
  const items: TimelineItem[] = job.timeline.map((entry) => {
    const url = (id: string) => `/api/jobs/${job.id}/attachments/${id}`;
    const photos = entry.attachments.filter((a) => a.contentType.startsWith('image/'));
    const files = entry.attachments.filter((a) => !a.contentType.startsWith('image/'));
    return {
      id: entry.id,
      at: entry.at,
      time: formatDateTime(entry.at),
      ...describe(entry),
      photos: photos.map((a) => ({ url: url(a.id), alt: t('photoAlt', { name: a.fileName, actor: entry.actor.name }) })),
      files: files.map((a) => ({ url: url(a.id), name: a.fileName })),
    };
  });
  return <Timeline items={items} />;
}
