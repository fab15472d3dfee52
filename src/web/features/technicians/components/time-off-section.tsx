import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Field, Skeleton, TextInput, useToast } from '../../../components/ui/index.js';
import { useBrand } from '../../../lib/brand.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { dateKey, formatDateTime, formatDay, zonedTime, zonedToIso } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useAddTimeOff } from '../api/add-time-off.js';
import { useTimeOff } from '../api/get-time-off.js';
import { useRemoveTimeOff } from '../api/remove-time-off.js';

const t = defineMessages({
  en: {
    title: 'Time off',
    hint: 'Days off, holidays, training: customers cannot book {name} then. Visits already booked stay as they are.',
    none: 'No time off planned.',
    period: '{from} – {to}',
    wholeDay: '{day}, all day',
    wholeDays: '{from} – {to}, all day',
    noReason: 'No reason given',
    remove: 'Remove',
    removeLabel: 'Remove the time off from {from}',
    removed: 'The time off is removed.',
    addTitle: 'Add time off',
    from: 'From',
    to: 'Until',
    zoneHint: 'In the company’s time zone ({zone}).',
    reason: 'Reason (optional)',
    add: 'Add time off',
    added: 'The time off is added.',
    required: 'is required',
    error: 'The time off could not be loaded. {message}',
  },
});

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** "YYYY-MM-DDTHH:MM" from a datetime-local field, read in the company's time zone. */
const localToIso = (value: string) => {
  const [date, time] = value.split('T');
  return date && time ? zonedToIso(date, time.slice(0, 5)) : undefined;
};

/** "Tue, Nov 24, all day" when the time off runs midnight to midnight; otherwise both instants. */
function describePeriod(start: string, end: string): string {
  if (zonedTime(start) !== '00:00' || zonedTime(end) !== '00:00') return t('period', { from: formatDateTime(start), to: formatDateTime(end) });
  // The last day is the one before the closing midnight.
  const lastDay = new Date(Date.parse(end) - 60_000).toISOString();
  return dateKey(start) === dateKey(lastDay) ? t('wholeDay', { day: formatDay(start) }) : t('wholeDays', { from: formatDay(start), to: formatDay(lastDay) });
}

/** A technician's upcoming time off, with a form to add more and a button to remove each. */
export function TimeOffSection({ userId, name }: { userId: string; name: string }) {
  const toast = useToast();
  const brand = useBrand();
  const timeOff = useTimeOff(userId);
  const add = useAddTimeOff(userId);
  const remove = useRemoveTimeOff(userId);
  // By default a whole day off, tomorrow in the company's time zone.
  const tomorrow = addDays(dateKey(new Date()), 1);
  const [from, setFrom] = useState(`${tomorrow}T00:00`);
  const [to, setTo] = useState(`${addDays(tomorrow, 1)}T00:00`);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const errors = formErrors(add.error, ['start', 'end', 'reason']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const start = localToIso(from);
    const end = localToIso(to);
    if (!start || !end) return;
    add.mutate(
      { start, end, reason: reason.trim() || null },
      {
        onSuccess: () => {
          toast.show(t('added'));
          setReason('');
          setChecked(false);
        },
      },
    );
  };

  const required = (value: string, label: string) => (checked && !localToIso(value) ? fieldMessage(label, t('required')) : undefined);

  return (
    <Card as="section" aria-labelledby="time-off-title">
      <CardHeader title={<span id="time-off-title">{t('title')}</span>} />
      <p className="small muted">{t('hint', { name })}</p>
      {timeOff.isError ? (
        <Alert>{t('error', { message: timeOff.error.message })}</Alert>
      ) : timeOff.isPending ? (
        <Skeleton height={64} />
      ) : timeOff.data.items.length === 0 ? (
        <p className="technician-detail__none">{t('none')}</p>
      ) : (
        <ul className="technician-detail__time-off">
          {[...timeOff.data.items]
            .sort((a, b) => a.start.localeCompare(b.start))
            .map((entry) => (
              <li key={entry.id}>
                <div>
                  <p className="technician-detail__period">{describePeriod(entry.start, entry.end)}</p>
                  <p className="small muted">{entry.reason ?? t('noReason')}</p>
                </div>
                <Button
                  variant="ghost"
                  size="small"
                  aria-label={t('removeLabel', { from: formatDateTime(entry.start) })}
                  loading={remove.isPending && remove.variables === entry.id}
                  onClick={() => remove.mutate(entry.id, { onSuccess: () => toast.show(t('removed')), onError: (error) => toast.show(error.message, 'error') })}
                >
                  {t('remove')}
                </Button>
              </li>
            ))}
        </ul>
      )}
      <form className="technician-detail__subform stack" onSubmit={submit} noValidate aria-labelledby="time-off-add-title">
        <h3 id="time-off-add-title">{t('addTitle')}</h3>
        {errors.message && <Alert>{errors.message}</Alert>}
        <p className="small muted">{t('zoneHint', { zone: brand?.timezone ?? '' })}</p>
        <div className="technician-detail__pair">
          <Field label={t('from')} error={required(from, t('from')) ?? fieldMessage(t('from'), errors.fields.start)}>
            <TextInput type="datetime-local" step={900} value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label={t('to')} error={required(to, t('to')) ?? fieldMessage(t('to'), errors.fields.end)}>
            <TextInput type="datetime-local" step={900} value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <Field label={t('reason')} error={fieldMessage(t('reason'), errors.fields.reason)}>
          <TextInput maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div>
          <Button type="submit" variant="secondary" loading={add.isPending}>
            {t('add')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
