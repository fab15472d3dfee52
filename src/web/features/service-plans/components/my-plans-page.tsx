import { useEffect } from 'react';
import { Redirect } from 'wouter';
import { Alert, Button, Card, EmptyState, PageHeader, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { useMyPlans } from '../api/get-my-plans.js';
import { t } from './messages.js';
import { PlanCard } from './plan-card.js';
import './service-plans.css';

/** /portal/plans — the signed-in customer's service plans: next visits, frequency, skip, suspend, resume. */
export function MyPlansPage() {
  const plans = useMyPlans();
  useEffect(() => {
    document.title = t('documentTitle');
  }, []);
  if (plans.error instanceof ApiError && (plans.error.status === 401 || plans.error.status === 403)) return <Redirect to="/portal/sign-in" replace />;

  return (
    <div className="stack service-plans">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {plans.isPending ? (
        <Card aria-busy="true">
          <div className="stack-sm">
            <Skeleton height={22} width="60%" />
            <Skeleton height={16} width="80%" />
            <Skeleton height={48} />
            <Skeleton height={48} />
          </div>
        </Card>
      ) : plans.isError ? (
        <Alert>
          <span className="row-between">
            {t('error')}
            <Button size="small" variant="secondary" onClick={() => void plans.refetch()}>
              {t('retry')}
            </Button>
          </span>
        </Alert>
      ) : plans.data.items.length === 0 ? (
        <Card>
          <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
        </Card>
      ) : (
        plans.data.items.map((plan) => <PlanCard key={plan.id} plan={plan} choices={plans.data.frequencyChoices} audience="customer" />)
      )}
    </div>
  );
}
