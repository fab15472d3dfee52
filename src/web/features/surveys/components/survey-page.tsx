import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'wouter';
import { Alert, Button, ButtonLink, Card, Field, Skeleton, TextArea } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { useProvideBrand } from '../../../lib/brand.js';
import { formatDateTime } from '../../../lib/format.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useAnswerSurvey } from '../api/answer-survey.js';
import { useCustomerSurvey } from '../api/get-customer-survey.js';
import { useSurveyJob } from '../api/get-survey-job.js';
import type { CustomerSurvey } from '../api/types.js';
import { StarRating, Stars } from './star-rating.js';
import './surveys.css';

const t = defineMessages({
  en: {
    title: 'How did we do?',
    about: '{category} · {reference}',
    intro: 'Your answer goes straight to {company} and takes less than a minute.',
    rating: 'Your rating',
    ratingRequired: 'Choose a rating from 1 to 5 stars.',
    recommend: 'Would you recommend {company} to a friend? (optional)',
    yes: 'Yes',
    no: 'No',
    comment: 'Anything you would like to tell us? (optional)',
    commentHint: 'What went well, or what we could do better.',
    send: 'Send my feedback',
    save: 'Save my changes',
    cancelEdit: 'Keep my answer',
    thanksTitle: 'Thank you for your feedback',
    thanksBody: 'It helps {company} do better on every visit.',
    editUntil: 'You can change your answer until {date}.',
    edit: 'Change my answer',
    backToJob: 'Back to your job',
    notYetTitle: 'The survey opens once your job is done',
    notYetBody: 'We will ask how it went when the work is finished.',
    noAccessTitle: 'This page needs a valid link or sign-in',
    noAccessBody: 'The link may have expired, or this job belongs to another account. Sign in with your email address to see your jobs.',
    signIn: 'Sign in',
    errorTitle: 'We could not load the survey',
    errorBody: 'Check your connection and try again.',
    retry: 'Try again',
    documentTitle: 'How did we do? – {company}',
  },
});

/**
 * /portal/jobs/:jobId/survey — the satisfaction survey of a completed job, for whoever may open
 * the job: a signed-in contact, or a job link's cookie (the "completed" message's survey link
 * gets one through /portal/survey, survey-link-page.tsx).
 */
export function SurveyPage() {
  const { jobId = '' } = useParams<{ jobId: string }>();
  const survey = useCustomerSurvey(jobId);
  const job = useSurveyJob(jobId);
  useProvideBrand(job.data?.company);
  const company = job.data?.company.name ?? '';
  useEffect(() => {
    if (company) document.title = t('documentTitle', { company });
  }, [company]);

  if (survey.isPending || job.isPending) {
    return (
      <Card className="survey stack" aria-busy="true">
        <Skeleton height={32} width="60%" />
        <Skeleton height={20} />
        <Skeleton height={52} width="80%" />
        <Skeleton height={96} />
      </Card>
    );
  }
  const error = survey.error ?? job.error;
  if (error || !survey.data || !job.data) {
    const noAccess = error instanceof ApiError && [400, 401, 403, 404].includes(error.status);
    return (
      <Card className="survey stack">
        <h1>{noAccess ? t('noAccessTitle') : t('errorTitle')}</h1>
        <p>{noAccess ? t('noAccessBody') : t('errorBody')}</p>
        <div>
          {noAccess ? (
            <ButtonLink href="/portal/sign-in">{t('signIn')}</ButtonLink>
          ) : (
            <Button
              onClick={() => {
                void survey.refetch();
                void job.refetch();
              }}
            >
              {t('retry')}
            </Button>
          )}
        </div>
      </Card>
    );
  }
  const about = t('about', { category: job.data.category, reference: job.data.reference });
  if (survey.data.state === 'unavailable') {
    return (
      <Card className="survey stack">
        <h1>{t('notYetTitle')}</h1>
        <p className="muted">{about}</p>
        <p>{t('notYetBody')}</p>
        <div>
          <ButtonLink variant="secondary" href={`/portal/jobs/${jobId}`}>
            {t('backToJob')}
          </ButtonLink>
        </div>
      </Card>
    );
  }
  return <SurveyBody jobId={jobId} survey={survey.data} company={company} about={about} />;
}

function SurveyBody({ jobId, survey, company, about }: { jobId: string; survey: CustomerSurvey; company: string; about: string }) {
  const [editing, setEditing] = useState(survey.state === 'open');
  if (!editing && survey.response) {
    return (
      <Card className="survey survey__thanks stack" aria-live="polite">
        <div className="survey__thanks-icon" aria-hidden="true">
          ✓
        </div>
        <h1>{t('thanksTitle')}</h1>
        <p>{t('thanksBody', { company })}</p>
        <div>
          <Stars rating={survey.response.rating} size={28} />
        </div>
        {survey.response.comment && <p className="muted">“{survey.response.comment}”</p>}
        {survey.canEdit && survey.editableUntil && <p className="small muted">{t('editUntil', { date: formatDateTime(survey.editableUntil) })}</p>}
        <div className="row-between" style={{ justifyContent: 'center', gap: 'var(--space-3)', flexWrap: 'wrap' }}>
          {survey.canEdit && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('edit')}
            </Button>
          )}
          <ButtonLink href={`/portal/jobs/${jobId}`}>{t('backToJob')}</ButtonLink>
        </div>
      </Card>
    );
  }
  return <SurveyForm jobId={jobId} survey={survey} company={company} about={about} onDone={() => setEditing(false)} />;
}

function SurveyForm({ jobId, survey, company, about, onDone }: { jobId: string; survey: CustomerSurvey; company: string; about: string; onDone: () => void }) {
  const previous = survey.response;
  const [rating, setRating] = useState<number | null>(previous?.rating ?? null);
  const [recommend, setRecommend] = useState<'yes' | 'no' | ''>(previous?.wouldRecommend === true ? 'yes' : previous?.wouldRecommend === false ? 'no' : '');
  const [comment, setComment] = useState(previous?.comment ?? '');
  const [ratingProblem, setRatingProblem] = useState<string>();
  const answer = useAnswerSurvey(jobId);
  const server = formErrors(answer.error, ['rating', 'comment', 'wouldRecommend']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rating) return setRatingProblem(t('ratingRequired'));
    answer.mutate({ rating, comment: comment.trim() || null, ...(recommend ? { wouldRecommend: recommend === 'yes' } : {}) }, { onSuccess: onDone });
  };

  return (
    <Card className="survey">
      <form className="stack" onSubmit={submit} noValidate>
        <div className="stack-sm">
          <h1>{t('title')}</h1>
          <p className="muted">{about}</p>
          <p>{t('intro', { company })}</p>
        </div>
        {server.message && <Alert>{server.message}</Alert>}
        <StarRating
          legend={t('rating')}
          value={rating}
          onChange={(value) => {
            setRating(value);
            setRatingProblem(undefined);
          }}
          error={ratingProblem ?? fieldMessage(t('rating'), server.fields.rating)}
        />
        <fieldset className="survey__fieldset">
          <legend>{t('recommend', { company })}</legend>
          <div className="survey__choices">
            {(['yes', 'no'] as const).map((choice) => (
              <label key={choice} className="survey__choice">
                <input type="radio" name="recommend" value={choice} checked={recommend === choice} onChange={() => setRecommend(choice)} />
                {t(choice)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t('comment')} hint={t('commentHint')} error={fieldMessage(t('comment'), server.fields.comment)}>
          <TextArea value={comment} rows={4} maxLength={2000} onChange={(event) => setComment(event.target.value)} />
        </Field>
        <div className="row-between" style={{ gap: 'var(--space-3)', flexWrap: 'wrap', justifyContent: 'flex-start' }}>
          <Button type="submit" loading={answer.isPending}>
            {previous ? t('save') : t('send')}
          </Button>
          {previous && (
            <Button variant="ghost" onClick={onDone}>
              {t('cancelEdit')}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
