import { useState } from 'react';
import { Alert, Button, Skeleton } from '../../../components/ui/index.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { dateKey, formatDay, zonedToIso } from '../../../lib/format.js';
import { getLocale } from '../../../lib/i18n.js';
import { useAvailability, type StaffWindow } from '../api/get-availability.js';
import { t } from './messages.js';

const DAYS_SHOWN = 7;

/** YYYY-MM-DD plus some days, calendar arithmetic only (no time zone involved). */
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** "8:00 – 10:00 AM": a window's times only (the day is its group's heading), in the company's zone. */
const timeRange = (start: string, end: string, timeZone: string) =>
  new Intl.DateTimeFormat(getLocale(), { timeZone, hour: 'numeric', minute: '2-digit' }).formatRange(new Date(start), new Date(end));

/**
 * The windows this job's visit fits into over the next days, each with the suggested technician
 * (the one whose day grows least) and the driving it adds. Picking one hands it to the dialog.
 */
export function SuggestedWindows({ job, moving, selectedStart, onPick }: { job: StaffJob; moving: boolean; selectedStart: string | undefined; onPick(window: StaffWindow): void }) {
  const [offset, setOffset] = useState(0);
  const from = addDays(dateKey(new Date()), offset * DAYS_SHOWN);
  const to = addDays(from, DAYS_SHOWN - 1);
  const availability = useAvailability({ categoryId: job.category.id, locationId: job.location.id, from, to, ...(moving ? { jobId: job.id } : {}) });
  const windows = availability.data && availability.data.from === from ? availability.data.windows : undefined;
  const days = new Map<string, StaffWindow[]>();
  for (const window of windows ?? []) days.set(window.date, [...(days.get(window.date) ?? []), window]);
  const range = { from: formatDay(zonedToIso(from, '12:00')), to: formatDay(zonedToIso(to, '12:00')) };

  return (
    <section className="job-detail__suggestions" aria-labelledby="suggested-windows-title" aria-busy={availability.isFetching || undefined}>
      <div className="row-between">
        <h3 id="suggested-windows-title" className="job-detail__subtitle">
          {t('suggestions')}
        </h3>
        <span className="small muted">{t('suggestionsFor', range)}</span>
      </div>
      <p className="small muted">{t('suggestionsHint')}</p>
      {availability.isError ? (
        <Alert>{t('suggestionsError', { message: availability.error.message })}</Alert>
      ) : !windows ? (
        <div className="stack-sm" role="status">
          <span className="visually-hidden">{t('suggestionsLoading')}</span>
          <Skeleton height={56} />
          <Skeleton height={56} />
        </div>
      ) : windows.length === 0 ? (
        <p className="small job-detail__no-suggestions">{t('noSuggestions', range)}</p>
      ) : (
        <div className="job-detail__suggestion-days">
          {[...days].map(([date, dayWindows]) => (
            <div key={date} className="job-detail__suggestion-day" data-date={date}>
              <h4>{formatDay(dayWindows[0]!.start)}</h4>
              <ul>
                {dayWindows.map((window) => {
                  const others = window.technicians.length - 1;
                  return (
                    <li key={window.start}>
                      <button type="button" className="job-detail__suggestion" aria-pressed={selectedStart === window.start} onClick={() => onPick(window)}>
                        <strong>{timeRange(window.start, window.end, availability.data!.timezone)}</strong>
                        <span>{window.suggested.name}</span>
                        <span className="small">{window.suggested.addedTravelMinutes > 0 ? t('extraDriving', { minutes: window.suggested.addedTravelMinutes }) : t('noExtraDriving')}</span>
                        {others > 0 && <span className="small">{others === 1 ? t('oneOtherTechnician') : t('otherTechnicians', { count: others })}</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
      <div className="row">
        <Button variant="ghost" size="small" disabled={offset === 0} onClick={() => setOffset((o) => o - 1)}>
          {t('earlierDays')}
        </Button>
        <Button variant="ghost" size="small" disabled={offset >= 4} onClick={() => setOffset((o) => o + 1)}>
          {t('laterDays')}
        </Button>
      </div>
    </section>
  );
}
