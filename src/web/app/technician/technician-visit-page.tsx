import { StaffMessagesPanel } from '../../features/job-messages/components/staff-messages-panel.js';
import { VisitPage } from '../../features/technician-day/components/visit-page.js';

/** The technician's visit page, with the job's conversation: they may answer the customer from site. */
export function TechnicianVisitPage() {
  return <VisitPage slots={{ afterCustomerNotes: (visit) => <StaffMessagesPanel jobId={visit.jobId} streamUrl="/api/technician/events" office={false} /> }} />;
}
