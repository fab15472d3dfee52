import { defineMessages, getLocale } from '../../../lib/i18n.js';
import type { Frequency } from '../types.js';

export const t = defineMessages({
  en: {
    // Frequencies
    everyWeek: 'Every week',
    everyNWeeks: 'Every {n} weeks',
    everyMonth: 'Every month',
    everyNMonths: 'Every {n} months',
    everyYear: 'Every year',
    everyNYears: 'Every {n} years',
    // Statuses
    active: 'Active',
    suspended: 'Suspended',
    ended: 'Ended',
    // Visit states
    booked: 'Booked',
    unscheduled: 'Date to be confirmed',
    in_progress: 'Under way',
    completed: 'Done',
    cancelled: 'Cancelled',
    skipped: 'Skipped',
    planned: 'Planned',
    // Portal page
    title: 'Service plans',
    subtitle: 'Your regular maintenance visits: see what is coming, change how often, skip a visit or take a break.',
    documentTitle: 'Service plans',
    emptyTitle: 'No service plans yet',
    emptyBody: 'Ask us about a maintenance plan and your regular visits will be booked for you automatically.',
    error: 'We could not load your service plans. Check your connection and try again.',
    retry: 'Try again',
    // Plan card
    at: 'At {address}',
    nextVisits: 'Next visits',
    noVisits: 'No visits ahead.',
    visitWindow: '{window}',
    visitWindowWith: '{window} with {name}',
    plannedFor: 'Around {date}',
    plannedNote: 'Planned visits are booked a few weeks ahead; we let you know the time.',
    unscheduledFor: 'Around {date}; we will call you to agree on a time.',
    skippedOn: '{date}',
    skip: 'Skip',
    skipLabel: 'Skip the visit of {date}',
    frequency: 'How often',
    changeFrequency: 'Change',
    saveFrequency: 'Save',
    frequencyChanged: 'Your plan now repeats {frequency}.',
    frequencyChangedStaff: 'The plan now repeats {frequency}.',
    suspend: 'Suspend plan',
    resume: 'Resume plan',
    end: 'End plan',
    suspendedNote: 'Suspended: no visits are booked until the plan is resumed.',
    suspendedBy: 'Suspended by {name}.',
    reasonGiven: 'Reason: {reason}',
    endedNote: 'This plan has ended.',
    preferredMorning: 'Mornings preferred',
    preferredAfternoon: 'Afternoons preferred',
    withTechnician: 'With {name} when possible',
    // Dialogs
    skipTitle: 'Skip this visit?',
    skipBody: 'The visit of {date} will be cancelled. The plan carries on with the next one.',
    reason: 'Reason (optional)',
    skipConfirm: 'Skip visit',
    skipped_toast: 'Visit skipped.',
    suspendTitle: 'Suspend this plan?',
    suspendBody: 'Booked visits that have not started are cancelled and no new ones are booked until you resume the plan.',
    suspendConfirm: 'Suspend plan',
    suspended_toast: 'Plan suspended.',
    resumed_toast: 'Plan resumed: your next visits are being booked.',
    endTitle: 'End this plan?',
    endBody: 'Booked visits that have not started are cancelled. An ended plan cannot be resumed.',
    endConfirm: 'End plan',
    ended_toast: 'Plan ended.',
    keep: 'Keep it',
    close: 'Close',
    // Console
    consoleTitle: 'Service plans',
    consoleSubtitle: 'Maintenance agreements: each plan books its visits ahead as jobs.',
    plansOf: 'Service plans',
    newPlan: 'New plan',
    editPlan: 'Edit plan',
    noPlans: 'No service plans for this customer.',
    noPlansAtAll: 'No service plans yet. Create one from a customer’s page.',
    customer: 'Customer',
    nextVisit: 'Next visit',
    status: 'Status',
    plan: 'Plan',
    none: '—',
    all: 'All',
    name: 'Name',
    nameHint: 'Defaults to the service',
    location: 'Address',
    category: 'Service',
    every: 'Every',
    unit: 'Unit',
    weeks: 'weeks',
    months: 'months',
    years: 'years',
    startDate: 'First visit on',
    endDate: 'Last visit by (optional)',
    timeOfDay: 'Time of day',
    anyTime: 'Any time',
    morning: 'Morning',
    afternoon: 'Afternoon',
    notes: 'Notes for the technician',
    create: 'Create plan',
    save: 'Save changes',
    created_toast: 'Plan created; its first visits are booked.',
    saved_toast: 'Plan saved.',
    rrule: 'Custom rule (RRULE)',
    rruleHint: 'Overrides the frequency, e.g. FREQ=WEEKLY;INTERVAL=4;BYDAY=TU',
    jobLink: 'Job {reference}',
  },
});

/** "Every 6 months", translated; a custom rule falls back to the server's English text. */
export function frequencyLabel(frequency: Frequency | null, fallback: string): string {
  if (!frequency) return fallback;
  const n = frequency.every;
  switch (frequency.unit) {
    case 'week':
      return n === 1 ? t('everyWeek') : t('everyNWeeks', { n });
    case 'month':
      return n === 1 ? t('everyMonth') : t('everyNMonths', { n });
    default:
      return n === 1 ? t('everyYear') : t('everyNYears', { n });
  }
}

/** A local date (YYYY-MM-DD) as "Tue 20 Jan 2026": it is a calendar day, so no time zone may shift it. */
export function formatLocalDate(date: string): string {
  return new Intl.DateTimeFormat(getLocale(), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}
