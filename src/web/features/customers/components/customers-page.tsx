import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { Alert, Badge, Button, EmptyState, Field, PageHeader, Select, Skeleton, TextInput } from '../../../components/ui/index.js';
import { formatDay } from '../../../lib/format.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useCustomers } from '../api/get-customers.js';
import { t } from './messages.js';
import { NewCustomerDialog } from './new-customer-dialog.js';
import './customers.css';

type Kind = '' | 'organisation' | 'household';

/** Every customer, searchable, with how many contacts and jobs each has. */
export function CustomersPage() {
  const [, navigate] = useLocation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = (params.get('kind') ?? '') as Kind;
  const creating = params.get('new') === '1';
  const [search, setSearch] = useState(q);
  const settled = useDebouncedValue(search.trim());
  useEffect(() => setSearch(q), [q]);

  const setParam = (key: string, value: string, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace },
    );

  useEffect(() => {
    if (settled !== q) setParam('q', settled, true);
    // Only the settled text should write to the address bar.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const customers = useCustomers({ q: q || undefined, kind: kind || undefined });
  const items = customers.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="customers">
      <PageHeader title={t('title')} subtitle={t('subtitle')} actions={<Button onClick={() => setParam('new', '1')}>{t('newCustomer')}</Button>} />
      <div className="customers__toolbar">
        <div className="customers__search">
          <Field label={t('search')}>
            <TextInput type="search" placeholder={t('searchHint')} value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
        </div>
        <Field label={t('kindFilter')}>
          <Select value={kind} onChange={(e) => setParam('kind', e.target.value)}>
            <option value="">{t('allKinds')}</option>
            <option value="organisation">{t('organisations')}</option>
            <option value="household">{t('households')}</option>
          </Select>
        </Field>
      </div>

      {customers.isError && !customers.data ? (
        <Alert>{t('error', { message: customers.error.message })}</Alert>
      ) : !customers.isPending && items.length === 0 ? (
        <div className="ui-table-wrap">
          {q || kind ? (
            <EmptyState title={t('emptyTitle')} action={<Button variant="secondary" onClick={() => setParams(new URLSearchParams())}>{t('clear')}</Button>}>
              {t('emptyBody')}
            </EmptyState>
          ) : (
            <EmptyState title={t('noCustomers')} action={<Button onClick={() => setParam('new', '1')}>{t('newCustomer')}</Button>}>
              {t('noCustomersBody')}
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <div className="ui-table-wrap">
            <table className="ui-table customers__table">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colKind')}</th>
                  <th scope="col" className="customers__num">
                    {t('colContacts')}
                  </th>
                  <th scope="col" className="customers__num">
                    {t('colJobs')}
                  </th>
                  <th scope="col">{t('colSince')}</th>
                </tr>
              </thead>
              <tbody>
                {customers.isPending
                  ? Array.from({ length: 10 }, (_, i) => (
                      <tr key={i}>
                        {[200, 100, 30, 30, 90].map((width, j) => (
                          <td key={j}>
                            <Skeleton width={width} height={14} />
                          </td>
                        ))}
                      </tr>
                    ))
                  : items.map((customer) => (
                      <tr key={customer.id}>
                        <td data-label={t('colName')}>
                          <Link href={`/console/customers/${customer.id}`} className="customers__name">
                            {customer.name}
                          </Link>
                        </td>
                        <td data-label={t('colKind')}>
                          <Badge tone={customer.kind === 'organisation' ? 'info' : 'neutral'}>{t(customer.kind)}</Badge>
                        </td>
                        <td data-label={t('colContacts')} className="customers__num">
                          {customer.contactCount}
                        </td>
                        <td data-label={t('colJobs')} className="customers__num">
                          {customer.jobCount}
                        </td>
                        <td data-label={t('colSince')}>{formatDay(customer.createdAt)}</td>
                      </tr>
                    ))}
              </tbody>
            </table>
          </div>
          {customers.hasNextPage && (
            <div>
              <Button variant="secondary" loading={customers.isFetchingNextPage} onClick={() => void customers.fetchNextPage()}>
                {t('loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
      {creating && <NewCustomerDialog onClose={() => setParam('new', '', true)} onCreated={(id) => navigate(`/console/customers/${id}`)} />}
    </div>
  );
}
