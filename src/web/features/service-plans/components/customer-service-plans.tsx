import { useState } from 'react';
import { useParams } from 'wouter';
import { Alert, Button, Card, CardHeader, Skeleton } from '../../../components/ui/index.js';
import { useCustomer } from '../api/get-customer.js';
import { usePlans } from '../api/get-plans.js';
import type { ServicePlan } from '../types.js';
import { t } from './messages.js';
import { PlanCard } from './plan-card.js';
import { PlanFormDialog, type PlanCustomer } from './plan-form-dialog.js';
import './service-plans.css';

/** Under the customer page (/console/customers/:customerId), composed by the console's routes. */
export function CustomerServicePlansSection() {
  const { customerId } = useParams<{ customerId: string }>();
  const customer = useCustomer(customerId);
  if (!customer.data) return null;
  return <CustomerServicePlans customer={customer.data} />;
}

/** The customer page's section: the customer's plans, with everything the office can do to them. */
export function CustomerServicePlans({ customer }: { customer: PlanCustomer }) {
  const plans = usePlans({ customerId: customer.id });
  const [editing, setEditing] = useState<ServicePlan | 'new' | undefined>();
  return (
    <Card as="section" aria-labelledby="customer-service-plans" className="service-plans">
      <CardHeader
        title={<span id="customer-service-plans">{t('plansOf')}</span>}
        actions={
          <Button variant="secondary" size="small" onClick={() => setEditing('new')} disabled={customer.locations.length === 0}>
            {t('newPlan')}
          </Button>
        }
      />
      {plans.isPending ? (
        <Skeleton height={64} />
      ) : plans.isError ? (
        <Alert>{plans.error.message}</Alert>
      ) : plans.data.items.length === 0 ? (
        <p className="muted">{t('noPlans')}</p>
      ) : (
        <div className="service-plans__list">
          {plans.data.items.map((plan) => (
            <PlanCard key={plan.id} plan={plan} choices={plans.data.frequencyChoices} audience="staff" onEdit={() => setEditing(plan)} jobHref={(jobId) => `/console/jobs/${jobId}`} />
          ))}
        </div>
      )}
      {editing && <PlanFormDialog customer={customer} {...(editing !== 'new' ? { plan: editing } : {})} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
