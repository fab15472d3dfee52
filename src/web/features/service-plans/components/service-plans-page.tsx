import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Alert, Badge, Card, EmptyState, PageHeader, Select, Skeleton, Field } from '../../../components/ui/index.js';
import { formatWindow } from '../../../lib/format.js';
import { usePlans } from '../api/get-plans.js';
import type { ServicePlan } from '../types.js';
import { formatLocalDate, frequencyLabel, t } from './messages.js';
import './service-plans.css';

const TONE = { active: 'success', suspended: 'warning', ended: 'neutral' } as const;

/** /console/plans — every plan of the company with its next visit; a plan's page is its customer's. */
export function ServicePlansPage() {
  const [status, setStatus] = useState('active,suspended');
  const plans = usePlans({ status });
  useEffect(() => {
    document.title = t('consoleTitle');
  }, []);
  return (
    <div className="stack service-plans">
      <PageHeader title={t('consoleTitle')} subtitle={t('consoleSubtitle')} />
      <div className="service-plans__filters">
        <Field label={t('status')}>
          <Select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="active,suspended">
              {t('active')} + {t('suspended')}
            </option>
            <option value="active">{t('active')}</option>
            <option value="suspended">{t('suspended')}</option>
            <option value="ended">{t('ended')}</option>
            <option value="">{t('all')}</option>
          </Select>
        </Field>
      </div>
      <Card>
        {plans.isPending ? (
          <Skeleton height={120} />
        ) : plans.isError ? (
          <Alert>{plans.error.message}</Alert>
        ) : plans.data.items.length === 0 ? (
          <EmptyState title={t('noPlansAtAll')} />
        ) : (
          <table className="service-plans__table">
            <thead>
              <tr>
                <th scope="col">{t('customer')}</th>
                <th scope="col">{t('plan')}</th>
                <th scope="col">{t('nextVisit')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((plan) => (
                <tr key={plan.id}>
                  <td>
                    <Link href={`/console/customers/${plan.customer.id}`}>{plan.customer.name}</Link>
                    <div className="small muted">{plan.location.address}</div>
                  </td>
                  <td>
                    <strong>{plan.name}</strong>
                    <div className="small">{frequencyLabel(plan.frequency, plan.frequencyText)}</div>
                  </td>
                  <td>
                    <NextVisit plan={plan} />
                  </td>
                  <td>
                    <Badge tone={TONE[plan.status]}>{t(plan.status)}</Badge>
                    {plan.status === 'suspended' && plan.statusChangedBy && <div className="small muted">{t('suspendedBy', { name: plan.statusChangedBy })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function NextVisit({ plan }: { plan: ServicePlan }) {
  const visit = plan.nextVisit;
  if (!visit) return <span className="muted">{t('none')}</span>;
  return (
    <div>
      <div>{visit.windowStart && visit.windowEnd ? formatWindow(visit.windowStart, visit.windowEnd) : formatLocalDate(visit.date)}</div>
      <div className="row small">
        <Badge tone={visit.state === 'unscheduled' ? 'warning' : 'info'}>{t(visit.state)}</Badge>
        {visit.technicianName && <span>{visit.technicianName}</span>}
        {visit.jobId && visit.jobReference && <Link href={`/console/jobs/${visit.jobId}`}>{visit.jobReference}</Link>}
      </div>
    </div>
  );
}
