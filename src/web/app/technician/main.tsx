import { Route, Switch } from 'wouter';
import { lazyPage } from '../../lib/router.js';
import { mount } from '../providers.js';
import { TechnicianLayout } from './technician-layout.js';

/** The technician's phone screen: today's visits, one big button per step. */
const TodayPage = lazyPage(() => import('../../features/technician-day/components/today-page.js'), (m) => m.TodayPage);
const VisitPage = lazyPage(() => import('./technician-visit-page.js'), (m) => m.TechnicianVisitPage);
const NotFoundPage = lazyPage(() => import('../not-found-page.js'), (m) => m.NotFoundPage);

mount(
  <TechnicianLayout>
    <Switch>
      <Route path="/tech" component={TodayPage} />
      <Route path="/tech/visits/:appointmentId" component={VisitPage} />
      <Route component={NotFoundPage} />
    </Switch>
  </TechnicianLayout>,
);
