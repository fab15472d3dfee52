import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Checkbox, Field, Skeleton, TextInput, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatMinutes } from '../../../lib/format.js';
import { defineMessages, getLocale } from '../../../lib/i18n.js';
import { useBookingPolicy, type BookingPolicy } from '../api/get-booking-policy.js';
import { useUpdateBookingPolicy, type BookingPolicyPatch } from '../api/update-booking-policy.js';

const t = defineMessages({
  en: {
    title: 'Booking policy',
    hint: 'What customers can do on their own in the portal. Office staff can always book any time by hand.',
    readOnly: 'Only admins can change the booking policy.',
    windowMinutes: 'Arrival window length (minutes)',
    windowHint: 'Customers choose windows of {time}, one after the other from midnight (8:00–10:00, 10:00–12:00 …).',
    leadTimeMinutes: 'Lead time (minutes)',
    leadTimeHint: 'The soonest a customer can book: {time} from now.',
    horizonDays: 'Booking horizon (days)',
    horizonHint: 'How far ahead customers can book.',
    rescheduleCutoffMinutes: 'Reschedule cut-off (minutes)',
    rescheduleHint: 'Customers can move a visit until {time} before its window starts.',
    cancelCutoffMinutes: 'Cancellation cut-off (minutes)',
    cancelHint: 'Customers can cancel until {time} before the window starts.',
    bufferMinutes: 'Buffer between visits (minutes)',
    bufferHint: 'Kept free after each visit, on top of the driving time: {time}.',
    chooseTechnician: 'Customers may choose their technician',
    chooseTechnicianHint: 'When on, customers see the names of the technicians who could come and pick one. When off, the office assigns the technician.',
    defaultWeek: 'Default working week',
    defaultWeekHint: 'Technicians who have no hours of their own work these hours, in the company’s time zone ({zone}).',
    notWorking: 'Not working',
    save: 'Save booking policy',
    saved: 'The booking policy is saved.',
    error: 'The booking policy could not be loaded. {message}',
    wholeNumber: 'must be a whole number',
  },
});

const NUMBER_FIELDS = ['windowMinutes', 'leadTimeMinutes', 'horizonDays', 'rescheduleCutoffMinutes', 'cancelCutoffMinutes', 'bufferMinutes'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** Weekday names in the page's language, ISO order (1 = Monday). */
export function weekdayNames(style: 'long' | 'short' = 'long'): string[] {
  const format = new Intl.DateTimeFormat(getLocale(), { weekday: style, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** The booking policy's form: admins edit it, everyone else sees it read-only. */
export function BookingPolicySection({ canEdit }: { canEdit: boolean }) {
  const policy = useBookingPolicy();
  return (
    <Card as="section" aria-labelledby="booking-policy-title">
      <CardHeader title={<span id="booking-policy-title">{t('title')}</span>} />
      <p className="small muted booking-settings__hint">{t('hint')}</p>
      {policy.isError ? (
        <Alert>{t('error', { message: policy.error.message })}</Alert>
      ) : policy.isPending ? (
        <div className="stack-sm">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={64} />
          ))}
        </div>
      ) : (
        <PolicyForm policy={policy.data} canEdit={canEdit} />
      )}
    </Card>
  );
}

function PolicyForm({ policy, canEdit }: { policy: BookingPolicy; canEdit: boolean }) {
  const toast = useToast();
  const update = useUpdateBookingPolicy();
  const [values, setValues] = useState<Record<NumberField, string>>(() => Object.fromEntries(NUMBER_FIELDS.map((f) => [f, String(policy[f])])) as Record<NumberField, string>);
  const [choose, setChoose] = useState(policy.customersMayChooseTechnician);
  const [invalid, setInvalid] = useState<NumberField[]>([]);
  const errors = formErrors(update.error, [...NUMBER_FIELDS, 'customersMayChooseTechnician']);

  const minutes = (field: NumberField) => {
    const value = Number(values[field]);
    return values[field].trim() !== '' && Number.isInteger(value) && value >= 0 ? formatMinutes(value) : '…';
  };
  const errorFor = (field: NumberField) =>
    invalid.includes(field) ? fieldMessage(t(field), t('wholeNumber')) : fieldMessage(t(field), errors.fields[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = NUMBER_FIELDS.filter((f) => !/^\d+$/.test(values[f].trim()));
    setInvalid(bad);
    if (bad.length > 0) return;
    const patch: BookingPolicyPatch = { customersMayChooseTechnician: choose };
    for (const field of NUMBER_FIELDS) patch[field] = Number(values[field]);
    update.mutate(patch, { onSuccess: () => toast.show(t('saved')) });
  };

  const numberField = (field: NumberField, hint: string, step: number) => (
    <Field key={field} label={t(field)} hint={hint} error={errorFor(field)}>
      <TextInput type="number" inputMode="numeric" min={0} step={step} value={values[field]} onChange={(e) => setValues((all) => ({ ...all, [field]: e.target.value }))} />
    </Field>
  );

  return (
    <form className="booking-settings__form" onSubmit={submit} noValidate aria-labelledby="booking-policy-title">
      {!canEdit && <Alert tone="info">{t('readOnly')}</Alert>}
      {errors.message && <Alert>{errors.message}</Alert>}
      <fieldset className="booking-settings__fieldset" disabled={!canEdit}>
        <div className="booking-settings__grid">
          {numberField('windowMinutes', t('windowHint', { time: minutes('windowMinutes') }), 15)}
          {numberField('bufferMinutes', t('bufferHint', { time: minutes('bufferMinutes') }), 5)}
          {numberField('leadTimeMinutes', t('leadTimeHint', { time: minutes('leadTimeMinutes') }), 15)}
          {numberField('horizonDays', t('horizonHint'), 1)}
          {numberField('rescheduleCutoffMinutes', t('rescheduleHint', { time: minutes('rescheduleCutoffMinutes') }), 15)}
          {numberField('cancelCutoffMinutes', t('cancelHint', { time: minutes('cancelCutoffMinutes') }), 15)}
        </div>
        <div className="booking-settings__check">
          <Checkbox label={t('chooseTechnician')} checked={choose} onChange={(e) => setChoose(e.target.checked)} aria-describedby="booking-choose-hint" />
          <p id="booking-choose-hint" className="small muted">
            {t('chooseTechnicianHint')}
          </p>
          {errors.fields.customersMayChooseTechnician && <p className="ui-field__error">{fieldMessage(t('chooseTechnician'), errors.fields.customersMayChooseTechnician)}</p>}
        </div>
      </fieldset>
      <DefaultWeek policy={policy} />
      {canEdit && (
        <div>
          <Button type="submit" loading={update.isPending}>
            {t('save')}
          </Button>
        </div>
      )}
    </form>
  );
}

function DefaultWeek({ policy }: { policy: BookingPolicy }) {
  const names = weekdayNames();
  return (
    <div className="booking-settings__week">
      <h3>{t('defaultWeek')}</h3>
      <p className="small muted">{t('defaultWeekHint', { zone: policy.timezone })}</p>
      <dl className="ui-details small">
        {names.map((name, index) => {
          const hours = policy.defaultWorkingHours.filter((h) => h.weekday === index + 1);
          return (
            <div key={name} className="booking-settings__week-day">
              <dt>{name}</dt>
              <dd>{hours.length === 0 ? <span className="muted">{t('notWorking')}</span> : hours.map((h) => `${h.start}–${h.end}`).join(', ')}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
