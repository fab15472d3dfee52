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
const JobStatusPage = lazyPage(() => import('../../features/job-status/components/job-status-page.js'), (m) => m.JobStatusPage);
const NewRequestPage = lazyPage(() => import('../../features/service-requests/components/new-request-page.js'), (m) => m.NewRequestPage);
const RequestSubmittedPage = lazyPage(() => import('../../features/service-requests/components/request-submitted-page.js'), (m) => m.RequestSubmittedPage);
const PreferencesPage = lazyPage(() => import('../../features/notification-preferences/components/preferences-page.js'), (m) => m.PreferencesPage);
const UnsubscribePage = lazyPage(() => import('../../features/notification-preferences/components/unsubscribe-page.js'), (m) => m.UnsubscribePage);
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
      <Route path="/portal/jobs/:jobId" component={JobStatusPage} />
      <Route path="/portal/requests/new" component={NewRequestPage} />
      <Route path="/portal/requests/:jobId/submitted" component={RequestSubmittedPage} />
      <Route path="/portal/settings" component={PreferencesPage} />
      <Route path="/unsubscribe" component={UnsubscribePage} />
      <Route component={NotFoundPage} />
    </Switch>
  </PortalLayout>,
);
