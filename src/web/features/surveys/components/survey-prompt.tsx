import { ButtonLink, Card } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useCustomerSurvey } from '../api/get-customer-survey.js';
import { Stars } from './star-rating.js';
import './surveys.css';

const t = defineMessages({
  en: {
    title: 'How did we do?',
    body: 'Rate your visit in less than a minute: it helps {company} do better.',
    rate: 'Rate your visit',
    thanks: 'Thank you for your feedback.',
    change: 'Change my answer',
  },
});

/** On a completed job's page: the invitation to the survey until it is answered, then the answer given. */
export function SurveyPrompt({ jobId, companyName }: { jobId: string; companyName: string }) {
  const survey = useCustomerSurvey(jobId);
  if (!survey.data || survey.data.state === 'unavailable') return null;
  if (survey.data.state === 'answered' && survey.data.response) {
    return (
      <Card as="section" aria-label={t('thanks')} className="row-between" style={{ flexWrap: 'wrap', gap: 'var(--space-3)' }}>
        <span className="stack-sm">
          <strong>{t('thanks')}</strong>
          <Stars rating={survey.data.response.rating} />
        </span>
        {survey.data.canEdit && (
          <ButtonLink variant="secondary" size="small" href={`/portal/jobs/${jobId}/survey`}>
            {t('change')}
          </ButtonLink>
        )}
      </Card>
    );
  }
  return (
    <Card as="section" aria-labelledby="survey-prompt-title" className="survey-prompt">
      <div className="stack-sm">
        <h2 id="survey-prompt-title">{t('title')}</h2>
        <p className="muted">{t('body', { company: companyName })}</p>
      </div>
      <ButtonLink href={`/portal/jobs/${jobId}/survey`}>{t('rate')}</ButtonLink>
    </Card>
  );
}
