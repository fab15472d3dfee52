import { useId, useState, type ReactNode } from 'react';
import { Button, Skeleton } from '../ui/index.js';
import { formatDay, formatWindow, zonedToIso } from '../../lib/format.js';
import { defineMessages } from '../../lib/i18n.js';
import { datesOf, type WindowRange } from './window-range.js';
import './window-picker.css';

const t = defineMessages({
  en: {
    days: 'Day',
    range: '{from} to {to}',
    earlier: 'Earlier dates',
    later: 'Show later dates',
    lastDate: 'Bookings are open until {date}.',
    windowsOn: 'Arrival windows on {day}',
    countNone: 'No times',
    countOne: '1 time',
    countMany: '{count} times',
    emptyRange: 'There are no open times from {from} to {to}.',
    loading: 'Loading the open times…',
    chosen: 'Your choice: {window}',
  },
});

/** One arrival window as the availability APIs offer it. */
export interface PickableWindow {
  /** Its local date (YYYY-MM-DD, company time zone). */
  date: string;
  start: string;
  end: string;
  /** Who could come, when the company lets customers choose. */
  technicians?: { id: string; name: string }[];
}

interface WindowPickerProps {
  /** Names the picker for screen readers, for example "Choose an arrival window". */
  label: string;
  range: WindowRange;
  /** The windows of the range; undefined while they load. */
  windows: PickableWindow[] | undefined;
  value: PickableWindow | null;
  onChange(window: PickableWindow): void;
  /** Leave out when the range reaches the last bookable date. */
  onLater?: () => void;
  /** The last bookable date (YYYY-MM-DD), said when there are no later dates to show. */
  bookableUntil?: string;
  /** Leave out when the range already starts today. */
  onEarlier?: () => void;
  /** A problem with the choice, shown under the windows and read with them. */
  error?: string;
  /** Said after "There are no open times…" when the range has none: what the customer can do instead. */
  emptyHint?: ReactNode;
}

/** "8:00 – 10:00 AM": a window's times without its day (the day is the group's name). */
export function formatTimeRange(window: PickableWindow): string {
  const whole = formatWindow(window.start, window.end);
  const day = `${formatDay(window.start)}, `;
  return whole.startsWith(day) ? whole.slice(day.length) : whole;
}

/** A local date shown as a day ("Tue, Nov 24"): noon of that date, so no zone can move it to a neighbour. */
const dayOf = (date: string) => formatDay(zonedToIso(date, '12:00'));

/**
 * Choosing an arrival window, phone first: a strip of days (each with how many windows it has),
 * then the chosen day's windows as big buttons. Both are native radio groups, so arrow keys move
 * and Tab leaves; a day without windows cannot be chosen.
 */
export function WindowPicker({ label, range, windows, value, onChange, onLater, onEarlier, bookableUntil, error, emptyHint }: WindowPickerProps) {
  const id = useId();
  const [pickedDay, setPickedDay] = useState<string>();
  const dates = datesOf(range);
  const byDay = new Map<string, PickableWindow[]>(dates.map((date) => [date, []]));
  for (const window of windows ?? []) byDay.get(window.date)?.push(window);
  const hasWindows = (date: string | undefined) => date !== undefined && (byDay.get(date)?.length ?? 0) > 0;
  // The day shown: the one the customer tapped, else the chosen window's, else the first with windows.
  const day = [pickedDay, value?.date, dates.find(hasWindows)].find(hasWindows);
  const dayWindows = day ? byDay.get(day)! : [];
  const rangeText = t('range', { from: dayOf(range.from), to: dayOf(range.to) });
  const errorId = `${id}-error`;

  return (
    <div className="window-picker" role="group" aria-label={label} aria-busy={windows === undefined || undefined}>
      <div className="window-picker__range">
        <p className="window-picker__range-text">{rangeText}</p>
        <div className="window-picker__range-buttons">
          {onEarlier && (
            <Button variant="secondary" size="small" onClick={onEarlier}>
              <span aria-hidden="true">←</span> {t('earlier')}
            </Button>
          )}
          {onLater ? (
            <Button variant="secondary" size="small" onClick={onLater}>
              {t('later')} <span aria-hidden="true">→</span>
            </Button>
          ) : (
            bookableUntil && <p className="window-picker__last-date">{t('lastDate', { date: dayOf(bookableUntil) })}</p>
          )}
        </div>
      </div>

      {windows === undefined ? (
        <div className="stack-sm">
          <span className="visually-hidden" role="status">
            {t('loading')}
          </span>
          <div className="window-picker__days" aria-hidden="true">
            {dates.slice(0, 6).map((date) => (
              <Skeleton key={date} width={88} height={60} style={{ flex: 'none' }} />
            ))}
          </div>
          <div className="window-picker__windows">
            {[0, 1, 2, 3].map((index) => (
              <Skeleton key={index} height={56} />
            ))}
          </div>
        </div>
      ) : !day ? (
        <div className="window-picker__empty">
          <p>{t('emptyRange', { from: dayOf(range.from), to: dayOf(range.to) })}</p>
          {emptyHint}
        </div>
      ) : (
        <>
          <div className="window-picker__days" role="radiogroup" aria-label={t('days')}>
            {dates.map((date) => {
              const count = byDay.get(date)!.length;
              return (
                <label key={date} className={`window-picker__day${count === 0 ? ' window-picker__day--none' : ''}`}>
                  <input type="radio" className="window-picker__input" name={`${id}-day`} value={date} checked={date === day} disabled={count === 0} onChange={() => setPickedDay(date)} />
                  <span className="window-picker__day-name">{dayOf(date)}</span>{' '}
                  <span className="window-picker__day-count">{count === 0 ? t('countNone') : count === 1 ? t('countOne') : t('countMany', { count })}</span>
                </label>
              );
            })}
          </div>
          <div className="stack-sm">
            <p className="window-picker__day-heading" id={`${id}-windows`}>
              {t('windowsOn', { day: dayOf(day) })}
            </p>
            <div className="window-picker__windows" role="radiogroup" aria-labelledby={`${id}-windows`} aria-describedby={error ? errorId : undefined}>
              {dayWindows.map((window) => (
                <label key={window.start} className="window-picker__window">
                  <input type="radio" className="window-picker__input" name={`${id}-window`} value={window.start} checked={value?.start === window.start} onChange={() => onChange(window)} />
                  <span>{formatTimeRange(window)}</span>
                </label>
              ))}
            </div>
          </div>
        </>
      )}

      {error && (
        <p className="ui-field__error" id={errorId}>
          {error}
        </p>
      )}
      <p className="window-picker__choice" aria-live="polite">
        {value ? t('chosen', { window: formatWindow(value.start, value.end) }) : ''}
      </p>
    </div>
  );
}
