import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Alert, Button, Card, EmptyState, Field, PageHeader, Select, Skeleton } from '../../../components/ui/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { FEEDBACK_KEY, useFeedback, type FeedbackParams } from '../api/get-feedback.js';
import { Stars } from './star-rating.js';
import './surveys.css';

const t = defineMessages({
  en: {
    title: 'Feedback',
    subtitle: 'What customers said in the survey sent when a job is completed.',
    average: 'Average rating',
    outOf: 'out of 5',
    answers: 'Answers',
    recommend: 'Would recommend us',
    recommendRate: '{yes} of the {count} customers who answered',
    noRecommend: 'Nobody answered yet',
    distribution: 'Ratings',
    starsCount: '{n} ★',
    period: 'Period',
    days30: 'Last 30 days',
    days90: 'Last 90 days',
    days365: 'Last 12 months',
    allTime: 'All time',
    ratings: 'Ratings',
    allRatings: 'All ratings',
    low: '1–2 stars (unhappy customers)',
    upTo3: '3 stars or fewer',
    order: 'Order',
    recent: 'Newest first',
    lowest: 'Lowest ratings first',
    emptyTitle: 'No answers yet',
    emptyBody: 'When a job is completed, its customer is invited to rate the visit. Their answers appear here.',
    emptyFiltered: 'No answers match these filters.',
    by: '{customer} · {reference} · {category}',
    technician: 'Technician: {name}',
    recommendYes: 'Would recommend us',
    recommendNo: 'Would not recommend us',
    answered: 'Answered by {name}, {date}',
    more: 'Show more',
    failed: 'Feedback could not be loaded: {message}',
    retry: 'Try again',
    noAverage: '–',
  },
});

const PAGE = 25;

/** /console/feedback — the survey answers: the average, how ratings spread, and the answers, lowest first if asked. */
export function FeedbackPage() {
  const [days, setDays] = useState<number | undefined>(90);
  const [maxRating, setMaxRating] = useState<number | undefined>();
  const [sort, setSort] = useState<FeedbackParams['sort']>('recent');
  const [limit, setLimit] = useState(PAGE);
  const feedback = useFeedback({ days, maxRating, sort, limit });
  const queryClient = useQueryClient();
  useLiveEvents('/api/events', (event) => {
    if (event.kind === 'job' && event.data.type === 'job.survey_answered') void queryClient.invalidateQueries({ queryKey: FEEDBACK_KEY });
  });
  useEffect(() => {
    document.title = t('title');
  }, []);
  const reset = () => setLimit(PAGE);

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="feedback__filters">
        <Field label={t('period')}>
          <Select
            value={days ?? 'all'}
            onChange={(event) => {
              setDays(event.target.value === 'all' ? undefined : Number(event.target.value));
              reset();
            }}
          >
            <option value="30">{t('days30')}</option>
            <option value="90">{t('days90')}</option>
            <option value="365">{t('days365')}</option>
            <option value="all">{t('allTime')}</option>
          </Select>
        </Field>
        <Field label={t('ratings')}>
          <Select
            value={maxRating ?? 'all'}
            onChange={(event) => {
              setMaxRating(event.target.value === 'all' ? undefined : Number(event.target.value));
              reset();
            }}
          >
            <option value="all">{t('allRatings')}</option>
            <option value="2">{t('low')}</option>
            <option value="3">{t('upTo3')}</option>
          </Select>
        </Field>
        <Field label={t('order')}>
          <Select
            value={sort}
            onChange={(event) => {
              setSort(event.target.value as FeedbackParams['sort']);
              reset();
            }}
          >
            <option value="recent">{t('recent')}</option>
            <option value="lowest">{t('lowest')}</option>
          </Select>
        </Field>
      </div>
      {feedback.isPending ? (
        <div className="stack-sm" aria-busy="true">
          <Skeleton height={120} />
          <Skeleton height={96} />
        </div>
      ) : feedback.isError ? (
        <Alert>
          <div className="row-between">
            <span>{t('failed', { message: feedback.error.message })}</span>
            <Button variant="secondary" size="small" onClick={() => void feedback.refetch()}>
              {t('retry')}
            </Button>
          </div>
        </Alert>
      ) : (
        <FeedbackView data={feedback.data} filtered={maxRating !== undefined} onMore={() => setLimit((n) => Math.min(n + PAGE, 100))} canMore={limit < 100} loading={feedback.isFetching} />
      )}
    </div>
  );
}

function FeedbackView({ data, filtered, onMore, canMore, loading }: { data: NonNullable<ReturnType<typeof useFeedback>['data']>; filtered: boolean; onMore: () => void; canMore: boolean; loading: boolean }) {
  const { summary } = data;
  const answeredRecommend = summary.recommend.yes + summary.recommend.no;
  return (
    <>
      <div className="feedback__summary" style={{ marginTop: 'var(--space-2)' }}>
        <Card as="section" aria-label={t('average')}>
          <p className="small muted">{t('average')}</p>
          <p className="feedback__figure">
            {summary.average ?? t('noAverage')} <span className="small muted">{t('outOf')}</span>
          </p>
          {summary.average !== null && <Stars rating={Math.round(summary.average)} />}
        </Card>
        <Card as="section" aria-label={t('answers')}>
          <p className="small muted">{t('answers')}</p>
          <p className="feedback__figure">{summary.count}</p>
        </Card>
        <Card as="section" aria-label={t('recommend')}>
          <p className="small muted">{t('recommend')}</p>
          {answeredRecommend > 0 ? (
            <>
              <p className="feedback__figure">{Math.round((summary.recommend.yes / answeredRecommend) * 100)}%</p>
              <p className="small muted">{t('recommendRate', { yes: summary.recommend.yes, count: answeredRecommend })}</p>
            </>
          ) : (
            <p className="small muted">{t('noRecommend')}</p>
          )}
        </Card>
        <Card as="section" aria-label={t('distribution')}>
          <p className="small muted">{t('distribution')}</p>
          <ul className="feedback__bars">
            {(['5', '4', '3', '2', '1'] as const).map((n) => (
              <li key={n} className="feedback__bar">
                <span>{t('starsCount', { n })}</span>
                <span className="feedback__bar-track" aria-hidden="true">
                  <span className="feedback__bar-fill" style={{ display: 'block', width: `${summary.count ? (summary.distribution[n] / summary.count) * 100 : 0}%` }} />
                </span>
                <span>{summary.distribution[n]}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {data.items.length === 0 ? (
        <EmptyState title={filtered ? t('emptyFiltered') : t('emptyTitle')}>{filtered ? undefined : t('emptyBody')}</EmptyState>
      ) : (
        <ul className="feedback__list">
          {data.items.map((item) => (
            <li key={item.jobId}>
              <Card as="article" className={`feedback__item ${item.rating <= 2 ? 'feedback__item--low' : ''}`}>
                <div className="row-between" style={{ flexWrap: 'wrap', gap: 'var(--space-2)' }}>
                  <Stars rating={item.rating} />
                  <span className="small muted">{formatDateTime(item.updatedAt)}</span>
                </div>
                {item.comment && <p className="feedback__comment">“{item.comment}”</p>}
                {item.wouldRecommend !== null && <p className="small">{item.wouldRecommend ? t('recommendYes') : t('recommendNo')}</p>}
                <p className="small muted">
                  <Link href={`/console/jobs/${item.jobId}`}>{t('by', { customer: item.customerName, reference: item.reference, category: item.category })}</Link>
                  {item.technicianName && <> · {t('technician', { name: item.technicianName })}</>}
                </p>
                <p className="small muted">{t('answered', { name: item.answeredBy, date: formatDateTime(item.answeredAt) })}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {data.hasMore && canMore && (
        <div>
          <Button variant="secondary" onClick={onMore} loading={loading}>
            {t('more')}
          </Button>
        </div>
      )}
    </>
  );
}
