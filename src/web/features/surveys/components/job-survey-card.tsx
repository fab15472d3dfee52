import { useQueryClient } from '@tanstack/react-query';
import { Card, CardHeader, Skeleton } from '../../../components/ui/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { jobSurveyQuery, useJobSurvey } from '../api/get-job-survey.js';
import { ratingWord, Stars } from './star-rating.js';
import './surveys.css';

const t = defineMessages({
  en: {
    title: 'Customer feedback',
    waiting: 'The customer has not answered the survey yet. The "completed" message invited them.',
    rating: '{word} ({rating} out of 5)',
    recommendYes: 'Would recommend us',
    recommendNo: 'Would not recommend us',
    by: 'By {name}, {date}',
    changed: 'changed {date}',
    failed: 'The survey answer could not be loaded.',
  },
});

/** On a completed job's console page: the customer's survey answer, updated live when they give or change it. */
export function JobSurveyCard({ jobId }: { jobId: string }) {
  const survey = useJobSurvey(jobId);
  const queryClient = useQueryClient();
  useLiveEvents('/api/events', (event) => {
    if (event.kind === 'job' && event.data.type === 'job.survey_answered' && event.data.jobId === jobId) void queryClient.invalidateQueries({ queryKey: jobSurveyQuery(jobId).queryKey });
  });
  const response = survey.data?.response;
  return (
    <Card as="section" aria-labelledby="job-survey-title">
      <CardHeader title={<span id="job-survey-title">{t('title')}</span>} />
      {survey.isPending ? (
        <Skeleton height={48} />
      ) : survey.isError ? (
        <p className="small muted">{t('failed')}</p>
      ) : !response ? (
        <p className="small muted">{t('waiting')}</p>
      ) : (
        <div className="stack-sm">
          <div>
            <Stars rating={response.rating} /> <span className="small">{t('rating', { word: ratingWord(response.rating), rating: response.rating })}</span>
          </div>
          {response.wouldRecommend !== null && <p className="small">{response.wouldRecommend ? t('recommendYes') : t('recommendNo')}</p>}
          {response.comment && <p className="feedback__comment">“{response.comment}”</p>}
          <p className="small muted">
            {t('by', { name: response.answeredBy, date: formatDateTime(response.answeredAt) })}
            {response.updatedAt !== response.answeredAt && <> · {t('changed', { date: formatDateTime(response.updatedAt) })}</>}
          </p>
        </div>
      )}
    </Card>
  );
}
