import { JobStatusPage } from '../../features/job-status/components/job-status-page.js';
import { CustomerMessagesPanel } from '../../features/job-messages/components/customer-messages-panel.js';
import { JobDocumentsSection } from '../../features/portal-documents/components/job-documents-section.js';
import { SurveyPrompt } from '../../features/surveys/components/survey-prompt.js';

/** The customer's job page, with what the survey, billing and messaging features add to it. */
export function PortalJobPage() {
  return (
    <JobStatusPage
      slots={{
        afterHero: (job) => job.status === 'completed' && <SurveyPrompt jobId={job.id} companyName={job.company.name} />,
        afterAppointment: (job) => <JobDocumentsSection jobId={job.id} />,
        afterActivity: (job) => <CustomerMessagesPanel jobId={job.id} companyName={job.company.name} />,
      }}
    />
  );
}
