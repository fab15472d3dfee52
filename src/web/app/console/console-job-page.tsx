import { JobDocumentsPanel } from '../../features/billing-documents/components/job-documents-panel.js';
import { JobDetailPage } from '../../features/job-detail/components/job-detail-page.js';
import { StaffMessagesPanel } from '../../features/job-messages/components/staff-messages-panel.js';
import { JobSurveyCard } from '../../features/surveys/components/job-survey-card.js';

/** The dispatcher's job page, with what the messaging, billing and survey features add to it. */
export function ConsoleJobPage() {
  return (
    <JobDetailPage
      slots={{
        beforeActivity: (job) => (
          <>
            <StaffMessagesPanel jobId={job.id} />
            <JobDocumentsPanel jobId={job.id} />
          </>
        ),
        afterLocation: (job) => job.status === 'completed' && <JobSurveyCard jobId={job.id} />,
      }}
    />
  );
}
