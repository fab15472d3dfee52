import { Redirect, Route, Switch } from 'wouter';
import { lazyPage } from '../../lib/router.js';
import { mount } from '../providers.js';
import { PortalLayout } from './portal-layout.js';

/**
 * The customer portal (phone first). The job page is what most customers open, from a link in a
 * notification: it and every other page load their code only when opened, so it stays small.
 */
const JobLinkPage = lazyPage(() => import('../../features/portal-auth/components/job-link-page.js'), (m) => m.JobLinkPage);
const PortalSignInPage = lazyPage(() => import('../../features/portal-auth/components/portal-sign-in-page.js'), (m) => m.PortalSignInPage);
const MyJobsPage = lazyPage(() => import('../../features/my-jobs/components/my-jobs-page.js'), (m) => m.MyJobsPage);
const SurveyLinkPage = lazyPage(() => import('../../features/surveys/components/survey-link-page.js'), (m) => m.SurveyLinkPage);
const SurveyPage = lazyPage(() => import('../../features/surveys/components/survey-page.js'), (m) => m.SurveyPage);
const DocumentPage = lazyPage(() => import('../../features/portal-documents/components/document-page.js'), (m) => m.DocumentPage);
const PayPage = lazyPage(() => import('../../features/portal-billing/components/pay-page.js'), (m) => m.PayPage);
const BillingPage = lazyPage(() => import('../../features/portal-billing/components/billing-page.js'), (m) => m.BillingPage);
const JobStatusPage = lazyPage(() => import('./portal-job-page.js'), (m) => m.PortalJobPage);
const NewRequestPage = lazyPage(() => import('../../features/service-requests/components/new-request-page.js'), (m) => m.NewRequestPage);
const RequestSubmittedPage = lazyPage(() => import('../../features/service-requests/components/request-submitted-page.js'), (m) => m.RequestSubmittedPage);
const PreferencesPage = lazyPage(() => import('../../features/notification-preferences/components/preferences-page.js'), (m) => m.PreferencesPage);
const UnsubscribePage = lazyPage(() => import('../../features/notification-preferences/components/unsubscribe-page.js'), (m) => m.UnsubscribePage);
const MyPlansPage = lazyPage(() => import('../../features/service-plans/components/my-plans-page.js'), (m) => m.MyPlansPage);
const NotFoundPage = lazyPage(() => import('../not-found-page.js'), (m) => m.NotFoundPage);

mount(
  <PortalLayout>
    <Switch>
      <Route path="/portal">
        {/* A job link's page moves the address to /portal to drop its token, and keeps opening the job there. */}
        {() => (window.history.state?.arrivoJobLink ? <JobLinkPage /> : <Redirect to="/portal/jobs" replace />)}
      </Route>
      <Route path="/j/:token" component={JobLinkPage} />
      <Route path="/portal/sign-in" component={PortalSignInPage} />
      <Route path="/portal/jobs" component={MyJobsPage} />
      <Route path="/portal/survey" component={SurveyLinkPage} />
      <Route path="/portal/jobs/:jobId/survey" component={SurveyPage} />
      <Route path="/portal/jobs/:jobId/documents/:documentId/pay" component={PayPage} />
      <Route path="/portal/jobs/:jobId/documents/:documentId" component={DocumentPage} />
      <Route path="/portal/billing" component={BillingPage} />
      <Route path="/portal/jobs/:jobId" component={JobStatusPage} />
      <Route path="/portal/requests/new" component={NewRequestPage} />
      <Route path="/portal/requests/:jobId/submitted" component={RequestSubmittedPage} />
      <Route path="/portal/settings" component={PreferencesPage} />
      <Route path="/portal/plans" component={MyPlansPage} />
      <Route path="/unsubscribe" component={UnsubscribePage} />
      <Route component={NotFoundPage} />
    </Switch>
  </PortalLayout>,
);
