import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Checkbox, Field, Skeleton, TextInput, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages, getLocale } from '../../../lib/i18n.js';
import { useWorkingHours, type WorkingHours } from '../api/get-working-hours.js';
import { useSaveWorkingHours, type WorkingHoursInput } from '../api/save-working-hours.js';

const t = defineMessages({
  en: {
    title: 'Working hours',
    hint: 'Customers are offered windows only inside these hours, in the company’s time zone ({zone}). A day can have several intervals, for example 08:00–12:00 and 13:00–17:00.',
    usesDefault: '{name} has no hours of their own, so the company’s default week applies (shown below). Saving makes these hours their own.',
    ownHours: '{name} has working hours of their own.',
    notWorking: 'Not working',
    starts: 'Starts',
    ends: 'Ends',
    addInterval: 'Add hours',
    addIntervalLabel: 'Add hours on {day}',
    remove: 'Remove',
    removeLabel: 'Remove {day} {start}–{end}',
    overlaps: 'These hours overlap other hours on the same day.',
    noHours: 'Add hours, or mark the day as not working.',
    allOff: 'A week with no hours at all would mean the company’s default week. To keep {name} off every day, add time off instead.',
    save: 'Save working hours',
    useDefault: 'Use the default week',
    saved: 'The working hours of {name} are saved.',
    defaultRestored: '{name} now works the company’s default week.',
    error: 'The working hours could not be loaded. {message}',
  },
});

interface Interval {
  key: number;
  start: string;
  end: string;
}

interface Day {
  working: boolean;
  intervals: Interval[];
}

let nextKey = 1;
const weekdayNames = () => {
  const format = new Intl.DateTimeFormat(getLocale(), { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday: ISO weekday 1.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
};

function toDays(hours: WorkingHours['hours']): Day[] {
  return Array.from({ length: 7 }, (_, i) => {
    const intervals = hours.filter((h) => h.weekday === i + 1).map((h) => ({ key: nextKey++, start: h.start, end: h.end }));
    return { working: intervals.length > 0, intervals };
  });
}

/** The flattened week as the API takes it; the index of each interval in it names its errors (`hours[3].end`). */
function flatten(days: Day[]): { input: WorkingHoursInput; indexOf: Map<number, number> } {
  const input: WorkingHoursInput = [];
  const indexOf = new Map<number, number>();
  days.forEach((day, i) => {
    if (!day.working) return;
    for (const interval of day.intervals) {
      indexOf.set(interval.key, input.length);
      input.push({ weekday: i + 1, start: interval.start, end: interval.end });
    }
  });
  return { input, indexOf };
}

/** A technician's working week: one or more intervals per weekday, or the company's default week. */
export function WorkingHoursSection({ userId, name }: { userId: string; name: string }) {
  const hours = useWorkingHours(userId);
  // Held here, not in the form: the form is remounted with each saved answer, the mutation lives on.
  const save = useSaveWorkingHours(userId);
  return (
    <Card as="section" aria-labelledby="working-hours-title">
      <CardHeader title={<span id="working-hours-title">{t('title')}</span>} />
      {hours.isError ? (
        <Alert>{t('error', { message: hours.error.message })}</Alert>
      ) : hours.isPending ? (
        <Skeleton height={420} />
      ) : (
        // Keyed by what was saved: a fresh answer (saved, or the default restored) resets the form.
        <WorkingHoursForm key={JSON.stringify(hours.data)} save={save} name={name} hours={hours.data} />
      )}
    </Card>
  );
}

function WorkingHoursForm({ save, name, hours }: { save: ReturnType<typeof useSaveWorkingHours>; name: string; hours: WorkingHours }) {
  const toast = useToast();
  const [days, setDays] = useState(() => toDays(hours.hours));
  const [checked, setChecked] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const names = weekdayNames();
  const { input, indexOf } = flatten(days);
  const apiFields = save.error ? formErrors(save.error).fields : {};
  const errors = formErrors(save.error, Object.keys(apiFields).filter((f) => /^hours\[\d+\]/.test(f)));
  const allOff = checked && input.length === 0;

  const updateDay = (index: number, change: (day: Day) => Day) => setDays((all) => all.map((day, i) => (i === index ? change(day) : day)));
  const updateInterval = (dayIndex: number, key: number, patch: Partial<Interval>) =>
    updateDay(dayIndex, (day) => ({ ...day, intervals: day.intervals.map((iv) => (iv.key === key ? { ...iv, ...patch } : iv)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (input.length === 0) return;
    if (days.some((day) => day.working && day.intervals.length === 0)) return;
    setRestoring(false);
    save.mutate(input, { onSuccess: () => toast.show(t('saved', { name })) });
  };

  const restoreDefault = () => {
    setRestoring(true);
    save.mutate([], { onSuccess: () => toast.show(t('defaultRestored', { name })) });
  };

  return (
    <form className="technician-detail__hours" onSubmit={submit} noValidate aria-labelledby="working-hours-title">
      <p className="small muted">{t('hint', { zone: hours.timezone })}</p>
      <Alert tone="info">{hours.usesDefault ? t('usesDefault', { name }) : t('ownHours', { name })}</Alert>
      {errors.message && <Alert>{errors.message}</Alert>}
      {allOff && <Alert>{t('allOff', { name })}</Alert>}
      <div className="technician-detail__week">
        {days.map((day, dayIndex) => {
          const dayName = names[dayIndex]!;
          return (
            <fieldset key={dayName} className="technician-detail__day">
              <legend>{dayName}</legend>
              <div className="technician-detail__day-body">
                <Checkbox
                  label={t('notWorking')}
                  checked={!day.working}
                  onChange={(e) =>
                    updateDay(dayIndex, (d) => ({ working: !e.target.checked, intervals: !e.target.checked && d.intervals.length === 0 ? [{ key: nextKey++, start: '08:00', end: '17:00' }] : d.intervals }))
                  }
                />
                {day.working && (
                  <ul className="technician-detail__intervals">
                    {day.intervals.map((interval) => {
                      const index = indexOf.get(interval.key);
                      const prefix = `hours[${index}]`;
                      return (
                        <li key={interval.key}>
                          <div className="technician-detail__interval">
                            <Field label={t('starts')} error={fieldMessage(t('starts'), errors.fields[`${prefix}.start`])}>
                              <TextInput type="time" step={900} required value={interval.start} onChange={(e) => updateInterval(dayIndex, interval.key, { start: e.target.value })} />
                            </Field>
                            <Field label={t('ends')} error={fieldMessage(t('ends'), errors.fields[`${prefix}.end`])}>
                              <TextInput type="time" step={900} required value={interval.end} onChange={(e) => updateInterval(dayIndex, interval.key, { end: e.target.value })} />
                            </Field>
                            <Button
                              variant="ghost"
                              size="small"
                              aria-label={t('removeLabel', { day: dayName, start: interval.start, end: interval.end })}
                              onClick={() => updateDay(dayIndex, (d) => ({ ...d, intervals: d.intervals.filter((iv) => iv.key !== interval.key) }))}
                            >
                              {t('remove')}
                            </Button>
                          </div>
                          {errors.fields[prefix] && <p className="ui-field__error">{t('overlaps')}</p>}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {day.working && checked && day.intervals.length === 0 && <p className="ui-field__error">{t('noHours')}</p>}
                {day.working && (
                  <div>
                    <Button
                      variant="secondary"
                      size="small"
                      aria-label={t('addIntervalLabel', { day: dayName })}
                      onClick={() => {
                        const last = day.intervals.at(-1);
                        updateDay(dayIndex, (d) => ({ ...d, intervals: [...d.intervals, last ? { key: nextKey++, start: last.end, end: last.end < '20:00' ? '20:00' : '23:45' } : { key: nextKey++, start: '08:00', end: '17:00' }] }));
                      }}
                    >
                      {t('addInterval')}
                    </Button>
                  </div>
                )}
              </div>
            </fieldset>
          );
        })}
      </div>
      <div className="row">
        <Button type="submit" loading={save.isPending && !restoring}>
          {t('save')}
        </Button>
        {!hours.usesDefault && (
          <Button variant="secondary" loading={save.isPending && restoring} onClick={restoreDefault}>
            {t('useDefault')}
          </Button>
        )}
      </div>
    </form>
  );
}
