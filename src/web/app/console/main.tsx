import { Route, Switch } from 'wouter';
import { lazyPage } from '../../lib/router.js';
import { mount } from '../providers.js';
import { ConsoleLayout } from './console-layout.js';

/**
 * The dispatcher console (desktop first), plus the pages every staff member passes through:
 * welcome, sign-in and first-run set-up. Each page loads its code when first opened.
 */
const HomePage = lazyPage(() => import('../../features/staff-auth/components/home-page.js'), (m) => m.HomePage);
const SignInPage = lazyPage(() => import('../../features/staff-auth/components/sign-in-page.js'), (m) => m.SignInPage);
const SetupPage = lazyPage(() => import('../../features/staff-auth/components/setup-page.js'), (m) => m.SetupPage);
const JobBoardPage = lazyPage(() => import('../../features/job-board/components/job-board-page.js'), (m) => m.JobBoardPage);
const JobCreatePage = lazyPage(() => import('../../features/job-create/components/job-create-page.js'), (m) => m.JobCreatePage);
const JobDetailPage = lazyPage(() => import('./console-job-page.js'), (m) => m.ConsoleJobPage);
const CustomersPage = lazyPage(() => import('../../features/customers/components/customers-page.js'), (m) => m.CustomersPage);
const CustomerPage = lazyPage(() => import('../../features/customers/components/customer-page.js'), (m) => m.CustomerPage);
const LiveMapPage = lazyPage(() => import('../../features/live-map/components/live-map-page.js'), (m) => m.LiveMapPage);
const TechniciansPage = lazyPage(() => import('../../features/technicians/components/technicians-page.js'), (m) => m.TechniciansPage);
const TechnicianDetailPage = lazyPage(() => import('../../features/technicians/components/technician-detail-page.js'), (m) => m.TechnicianDetailPage);
const RouteOptimisationPage = lazyPage(() => import('../../features/route-optimisation/components/route-optimisation-page.js'), (m) => m.RouteOptimisationPage);
const BookingSettingsPage = lazyPage(() => import('../../features/booking-settings/components/booking-settings-page.js'), (m) => m.BookingSettingsPage);
const DispatchRulesPage = lazyPage(() => import('../../features/dispatch-rules/components/dispatch-rules-page.js'), (m) => m.DispatchRulesPage);
const CompanySettingsPage = lazyPage(() => import('../../features/company-settings/components/company-settings-page.js'), (m) => m.CompanySettingsPage);
const NotificationTemplatesPage = lazyPage(() => import('../../features/notification-templates/components/notification-templates-page.js'), (m) => m.NotificationTemplatesPage);
const MessagesInboxPage = lazyPage(() => import('../../features/job-messages/components/messages-inbox-page.js'), (m) => m.MessagesInboxPage);
const FeedbackPage = lazyPage(() => import('../../features/surveys/components/feedback-page.js'), (m) => m.FeedbackPage);
const DocumentEditorPage = lazyPage(() => import('../../features/billing-documents/components/document-editor-page.js'), (m) => m.DocumentEditorPage);
const BillingSettingsPage = lazyPage(() => import('../../features/billing-documents/components/billing-settings-page.js'), (m) => m.BillingSettingsPage);
const PaymentsBillingPage = lazyPage(() => import('../../features/payments/components/billing-page.js'), (m) => m.BillingPage);
const DevMailboxPage = lazyPage(() => import('../../features/dev-mailbox/components/dev-mailbox-page.js'), (m) => m.DevMailboxPage);
// The customer page and its service plans are two features; the route composes them.
const CustomerServicePlans = lazyPage(() => import('../../features/service-plans/components/customer-service-plans.js'), (m) => m.CustomerServicePlansSection);
const ServicePlansPage = lazyPage(() => import('../../features/service-plans/components/service-plans-page.js'), (m) => m.ServicePlansPage);
const NotFoundPage = lazyPage(() => import('../not-found-page.js'), (m) => m.NotFoundPage);

mount(
  <Switch>
    <Route path="/" component={HomePage} />
    <Route path="/sign-in" component={SignInPage} />
    <Route path="/setup" component={SetupPage} />
    <Route>
      <ConsoleLayout>
        <Switch>
          <Route path="/console" component={JobBoardPage} />
          <Route path="/console/jobs/new" component={JobCreatePage} />
          <Route path="/console/jobs/:jobId" component={JobDetailPage} />
          <Route path="/console/customers" component={CustomersPage} />
          <Route path="/console/customers/:customerId">
            <div className="stack">
              <CustomerPage />
              <CustomerServicePlans />
            </div>
          </Route>
          <Route path="/console/plans" component={ServicePlansPage} />
          <Route path="/console/technicians" component={TechniciansPage} />
          <Route path="/console/technicians/:userId" component={TechnicianDetailPage} />
          <Route path="/console/map" component={LiveMapPage} />
          <Route path="/console/optimise-day" component={RouteOptimisationPage} />
          <Route path="/console/messages" component={MessagesInboxPage} />
          <Route path="/console/feedback" component={FeedbackPage} />
          <Route path="/console/billing" component={PaymentsBillingPage} />
          <Route path="/console/settings" component={CompanySettingsPage} />
          <Route path="/console/settings/notifications" component={NotificationTemplatesPage} />
          <Route path="/console/settings/booking" component={BookingSettingsPage} />
          <Route path="/console/settings/billing" component={BillingSettingsPage} />
          <Route path="/console/documents/:documentId" component={DocumentEditorPage} />
          <Route path="/console/settings/dispatch" component={DispatchRulesPage} />
          <Route path="/dev/mailbox" component={DevMailboxPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </ConsoleLayout>
    </Route>
  </Switch>,
);
