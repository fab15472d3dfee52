import { Link, useSearchParams } from 'wouter';
import { Alert, Button, EmptyState, Skeleton } from '../../../components/ui/index.js';
import { useBrand } from '../../../lib/brand.js';
import { dateKey, formatDay, zonedToIso } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { technicianDayKey, useTechnicianDay } from '../api/get-technician-day.js';
import { addDays, isCurrent, isDone, orderDay } from '../utils/visit-steps.js';
import { LocationSharing } from './location-sharing.js';
import { VisitCard } from './visit-card.js';
import './technician-day.css';

const t = defineMessages({
  en: {
    today: 'Today, {day}',
    tomorrow: 'Tomorrow, {day}',
    yesterday: 'Yesterday, {day}',
    other: '{day}',
    previous: 'Previous day',
    next: 'Next day',
    backToToday: 'Back to today',
    summary: '{count} visits, {done} done',
    summaryNoneDone: '{count} visits',
    summaryAllDone: '{count} visits, all done',
    summaryOne: '1 visit',
    summaryOneDone: '1 visit, done',
    emptyToday: 'No visits today',
    emptyOther: 'No visits on this day',
    emptyHint: 'New visits the office books for you appear here.',
    failed: 'Your visits could not be loaded.',
    retry: 'Try again',
    visits: 'Visits',
  },
});

const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The technician's day: visits in the order they will be worked, each with its next step. */
export function TodayPage() {
  // Dates are the company's: wait for its time zone (the layout loads it) before deciding what "today" is.
  const brand = useBrand();
  return brand ? <Day /> : <DaySkeleton />;
}

function Day() {
  const [params] = useSearchParams();
  const today = dateKey(new Date());
  const date = isDate(params.get('date')) ? params.get('date')! : today;
  const day = useTechnicianDay(date);
  useLiveRefresh('/api/technician/events', () => [technicianDayKey]);
  // The day never breaks across lines; only "Tomorrow," may sit above it on a narrow phone.
  const dayText = formatDay(zonedToIso(date, '12:00')).replace(/ /g, '\u00a0');
  const title = date === today ? t('today', { day: dayText }) : date === addDays(today, 1) ? t('tomorrow', { day: dayText }) : date === addDays(today, -1) ? t('yesterday', { day: dayText }) : t('other', { day: dayText });
  const dayHref = (target: string) => (target === today ? '/tech' : `/tech?date=${target}`);

  const items = day.data ? orderDay(day.data.items) : [];
  const done = items.filter(isDone).length;
  // The one visit whose button is the main action: the one under way, else the first still to do.
  // The day page keeps sharing too, so going back to the list does not stop the customer's map.
  const enRoute = items.find((visit) => visit.status === 'en_route');
  const nextId = (items.find(isCurrent) ?? items.find((visit) => !isDone(visit)))?.id;
  const summary =
    items.length === 0
      ? '\u00a0'
      : items.length === 1
        ? t(done ? 'summaryOneDone' : 'summaryOne')
        : t(done === 0 ? 'summaryNoneDone' : done === items.length ? 'summaryAllDone' : 'summary', { count: items.length, done });

  return (
    <div className="stack">
      <div className="tech-day__header">
        <Link href={dayHref(addDays(date, -1))} className="tech-day__day-button" aria-label={t('previous')}>
          <span aria-hidden="true">‹</span>
        </Link>
        <div className="tech-day__title">
          <h1>{title}</h1>
          <p className="muted small" aria-live="polite">
            {day.data ? summary : '\u00a0'}
          </p>
        </div>
        <Link href={dayHref(addDays(date, 1))} className="tech-day__day-button" aria-label={t('next')}>
          <span aria-hidden="true">›</span>
        </Link>
      </div>
      {date !== today && (
        <Link href="/tech" className="tech-day__back-today">
          {t('backToToday')}
        </Link>
      )}

      {day.isPending && <CardSkeletons />}
      {day.isError && (
        <div className="stack-sm">
          <Alert>{t('failed')}</Alert>
          <Button variant="secondary" onClick={() => void day.refetch()} loading={day.isFetching}>
            {t('retry')}
          </Button>
        </div>
      )}
      {day.data && items.length === 0 && <EmptyState title={date === today ? t('emptyToday') : t('emptyOther')}>{t('emptyHint')}</EmptyState>}
      {enRoute && <LocationSharing visit={enRoute} />}
      {items.length > 0 && (
        <ol className="tech-day__list" aria-label={t('visits')}>
          {items.map((visit) => (
            <li key={visit.id}>
              <VisitCard visit={visit} next={visit.id === nextId} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function CardSkeletons() {
  return (
    <div className="tech-day__list" aria-busy="true">
      {[0, 1, 2].map((index) => (
        <div key={index} className="tech-day__card">
          <Skeleton width="45%" height={20} />
          <Skeleton width="70%" height={26} style={{ marginTop: 12 }} />
          <Skeleton width="50%" height={16} style={{ marginTop: 8 }} />
          <Skeleton height={16} style={{ marginTop: 12 }} />
          <Skeleton height={60} style={{ marginTop: 16 }} />
        </div>
      ))}
    </div>
  );
}

function DaySkeleton() {
  return (
    <div className="stack">
      <Skeleton height={56} />
      <CardSkeletons />
    </div>
  );
}
