import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Alert, Badge, Button, ButtonLink, ComboBox, EmptyState, Field, PageHeader, Select, Skeleton, TextInput } from '../../../components/ui/index.js';
import type { JobListItem } from '../../../lib/api-types.js';
import { formatDateTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { JOB_STATUS_LIST, PRIORITY_LIST, priorityLabel, priorityTone, statusLabel, statusTone } from '../../../lib/job-status.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useCustomer, useCustomerSearch } from '../api/get-customers.js';
import { useJobs } from '../api/get-jobs.js';
import { useTechnicians } from '../api/get-technicians.js';
import { toApiParams, useBoardFilters, type BoardFilters, type QuickView } from './use-board-filters.js';
import './job-board.css';

const t = defineMessages({
  en: {
    title: 'Jobs',
    subtitle: 'Every job of the company, newest first.',
    newJob: 'New job',
    optimiseDay: 'Optimise day',
    search: 'Search',
    searchHint: 'Reference or customer name',
    views: 'Views',
    viewAll: 'All jobs',
    viewUnassigned: 'Needs scheduling',
    viewOverdue: 'Overdue',
    filters: 'Filters',
    filtersActive: 'Filters ({count} on)',
    status: 'Status',
    priority: 'Priority',
    technician: 'Technician',
    anyTechnician: 'Any technician',
    customer: 'Customer',
    customerPlaceholder: 'Search customers',
    noCustomers: 'No customer matches this search.',
    removeCustomer: 'Remove the customer filter',
    from: 'Scheduled from',
    to: 'Scheduled until',
    clear: 'Clear filters',
    colJob: 'Job',
    colCustomer: 'Customer',
    colStatus: 'Status',
    colPriority: 'Priority',
    colAppointment: 'Appointment',
    colSla: 'SLA due',
    unassigned: 'Unassigned',
    overdue: 'SLA overdue',
    notScheduled: 'Not scheduled',
    noTechnician: 'No technician',
    noSla: 'No SLA',
    loadMore: 'Load more',
    shownOne: '1 job shown',
    shown: '{count} jobs shown',
    emptyTitle: 'No jobs match these filters',
    emptyBody: 'Hidden by: {filters}.',
    noJobsTitle: 'No jobs yet',
    noJobsBody: 'Jobs appear here when customers request service, a partner sends one, or you create one.',
    error: 'The jobs could not be loaded. {message}',
    retry: 'Try again',
    filterSearch: 'search “{q}”',
    filterView: 'view “{view}”',
    filterStatus: 'status {list}',
    filterPriority: 'priority {list}',
    filterTechnician: 'technician {name}',
    filterCustomer: 'customer {name}',
    filterFrom: 'from {day}',
    filterTo: 'until {day}',
  },
});

const VIEWS: { value: QuickView; label: () => string }[] = [
  { value: 'all', label: () => t('viewAll') },
  { value: 'unassigned', label: () => t('viewUnassigned') },
  { value: 'overdue', label: () => t('viewOverdue') },
];

const OPEN = ['created', 'scheduled', 'rescheduled', 'en_route', 'in_progress', 'paused'];

/** The dispatcher's board: every job, filtered and searched, with what needs attention standing out. */
export function JobBoardPage() {
  const { filters, update, clear, active } = useBoardFilters();
  const [search, setSearch] = useState(filters.q);
  const settledSearch = useDebouncedValue(search);
  // The search box follows the address bar when the back button or "Clear filters" changes it.
  useEffect(() => setSearch(filters.q), [filters.q]);
  useEffect(() => {
    if (settledSearch !== filters.q) update({ q: settledSearch }, { replace: true });
    // Only the settled text should write to the address bar.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledSearch]);

  // On a phone the filters start folded so the jobs come first; on a desk they start open.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 720px)').matches);
  const activeCount = filters.statuses.length + filters.priorities.length + [filters.technicianId, filters.customerId, filters.from, filters.to].filter(Boolean).length;
  const jobs = useJobs(toApiParams(filters));
  useLiveRefresh('/api/events', () => [['jobs']]);
  const technicians = useTechnicians();
  const customer = useCustomer(filters.customerId || undefined);
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];
  const technicianName = technicians.data?.items.find((tech) => tech.id === filters.technicianId)?.name ?? '';

  const describeFilters = () =>
    [
      filters.q && t('filterSearch', { q: filters.q }),
      filters.view !== 'all' && t('filterView', { view: VIEWS.find((v) => v.value === filters.view)!.label() }),
      filters.statuses.length > 0 && t('filterStatus', { list: filters.statuses.map(statusLabel).join(', ') }),
      filters.priorities.length > 0 && t('filterPriority', { list: filters.priorities.map(priorityLabel).join(', ') }),
      filters.technicianId && t('filterTechnician', { name: technicianName }),
      filters.customerId && t('filterCustomer', { name: customer.data?.name ?? '' }),
      filters.from && t('filterFrom', { day: filters.from }),
      filters.to && t('filterTo', { day: filters.to }),
    ]
      .filter(Boolean)
      .join('; ');

  return (
    <div className="job-board">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <>
            <ButtonLink href="/console/optimise-day" variant="secondary">
              {t('optimiseDay')}
            </ButtonLink>
            <ButtonLink href="/console/jobs/new">{t('newJob')}</ButtonLink>
          </>
        }
      />

      <div className="job-board__toolbar">
        <div className="job-board__search">
          <Field label={t('search')}>
            <TextInput type="search" placeholder={t('searchHint')} value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
        </div>
        <div className="job-board__views" role="group" aria-label={t('views')}>
          {VIEWS.map((view) => (
            <button key={view.value} type="button" className="job-board__view" aria-pressed={filters.view === view.value} onClick={() => update({ view: view.value })}>
              {view.label()}
            </button>
          ))}
        </div>
      </div>

      <details className="job-board__filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary className="job-board__filters-summary">{activeCount > 0 ? t('filtersActive', { count: activeCount }) : t('filters')}</summary>
        <div className="job-board__filters-body">
        <ChipGroup legend={t('status')} options={JOB_STATUS_LIST.map((s) => ({ value: s, label: statusLabel(s) }))} selected={filters.statuses} onChange={(statuses) => update({ statuses: statuses as BoardFilters['statuses'] })} />
        <ChipGroup legend={t('priority')} options={PRIORITY_LIST.map((p) => ({ value: p, label: priorityLabel(p) }))} selected={filters.priorities} onChange={(priorities) => update({ priorities: priorities as BoardFilters['priorities'] })} />
        <div className="job-board__filter-fields">
          <Field label={t('technician')}>
            <Select value={filters.technicianId} onChange={(e) => update({ technicianId: e.target.value })}>
              <option value="">{t('anyTechnician')}</option>
              {technicians.data?.items.map((tech) => (
                <option key={tech.id} value={tech.id}>
                  {tech.name}
                </option>
              ))}
            </Select>
          </Field>
          <CustomerFilter customerId={filters.customerId} customerName={customer.data?.name} onChange={(customerId) => update({ customerId })} />
          <Field label={t('from')}>
            <TextInput type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => update({ from: e.target.value })} />
          </Field>
          <Field label={t('to')}>
            <TextInput type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => update({ to: e.target.value })} />
          </Field>
        </div>
        {active && (jobs.isPending || items.length > 0) && (
          <div>
            <Button variant="ghost" size="small" onClick={clear}>
              {t('clear')}
            </Button>
          </div>
        )}
        </div>
      </details>

      {jobs.isError && !jobs.data ? (
        <Alert>
          <div className="row-between">
            <span>{t('error', { message: jobs.error.message })}</span>
            <Button variant="secondary" size="small" onClick={() => void jobs.refetch()}>
              {t('retry')}
            </Button>
          </div>
        </Alert>
      ) : !jobs.isPending && items.length === 0 ? (
        <div className="ui-table-wrap">
          {active ? (
            <EmptyState title={t('emptyTitle')} action={<Button variant="secondary" onClick={clear}>{t('clear')}</Button>}>
              {t('emptyBody', { filters: describeFilters() })}
            </EmptyState>
          ) : (
            <EmptyState title={t('noJobsTitle')} action={<ButtonLink href="/console/jobs/new">{t('newJob')}</ButtonLink>}>
              {t('noJobsBody')}
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <div className="ui-table-wrap" aria-busy={jobs.isFetching && !jobs.isFetchingNextPage}>
            <table className="ui-table job-board__table">
              <thead>
                <tr>
                  <th scope="col">{t('colJob')}</th>
                  <th scope="col">{t('colCustomer')}</th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">{t('colPriority')}</th>
                  <th scope="col">{t('colAppointment')}</th>
                  <th scope="col">{t('colSla')}</th>
                </tr>
              </thead>
              <tbody>{jobs.isPending ? <SkeletonRows /> : items.map((job) => <JobRow key={job.id} job={job} />)}</tbody>
            </table>
          </div>
          <div className="job-board__more">
            {!jobs.isPending && <span className="small muted">{items.length === 1 ? t('shownOne') : t('shown', { count: items.length })}</span>}
            {jobs.hasNextPage && (
              <Button variant="secondary" loading={jobs.isFetchingNextPage} onClick={() => void jobs.fetchNextPage()}>
                {t('loadMore')}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function JobRow({ job }: { job: JobListItem }) {
  const open = OPEN.includes(job.status);
  const needsTechnician = open && job.unassigned;
  const flag = job.slaOverdue ? 'overdue' : needsTechnician ? 'unassigned' : undefined;
  return (
    <tr className={flag ? `job-board__row job-board__row--${flag}` : 'job-board__row'}>
      <td data-label={t('colJob')}>
        <Link href={`/console/jobs/${job.id}`} className="job-board__ref">
          {job.reference}
        </Link>
        <div className="small muted">{job.category.name}</div>
      </td>
      <td data-label={t('colCustomer')}>
        <div className="job-board__customer">{job.customer.name}</div>
        <div className="small muted">{job.address}</div>
      </td>
      <td data-label={t('colStatus')}>
        <div className="job-board__badges">
          <Badge tone={statusTone(job.status)}>{statusLabel(job.status)}</Badge>
          {needsTechnician && <Badge tone="warning">{t('unassigned')}</Badge>}
        </div>
      </td>
      <td data-label={t('colPriority')}>
        <Badge tone={priorityTone(job.priority)}>{priorityLabel(job.priority)}</Badge>
      </td>
      <td data-label={t('colAppointment')}>
        {job.appointment ? (
          <>
            <div className="job-board__appointment">{formatWindow(job.appointment.windowStart, job.appointment.windowEnd)}</div>
            <div className="small muted">{job.appointment.technician?.name ?? t('noTechnician')}</div>
          </>
        ) : (
          <span className="muted">{t('notScheduled')}</span>
        )}
      </td>
      <td data-label={t('colSla')}>
        {job.slaDueAt ? <div className="job-board__sla">{formatDateTime(job.slaDueAt)}</div> : <span className="muted">{t('noSla')}</span>}
        {job.slaOverdue && <Badge tone="danger">{t('overdue')}</Badge>}
      </td>
    </tr>
  );
}

function SkeletonRows() {
  return (
    <>
      {Array.from({ length: 8 }, (_, i) => (
        <tr key={i} className="job-board__row">
          {[110, 180, 90, 60, 160, 110].map((width, j) => (
            <td key={j}>
              <Skeleton width={width} height={14} />
              {j !== 2 && j !== 3 && <Skeleton width={width * 0.7} height={12} style={{ marginTop: 6 }} />}
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

function ChipGroup({ legend, options, selected, onChange }: { legend: string; options: { value: string; label: string }[]; selected: string[]; onChange(values: string[]): void }) {
  return (
    <fieldset className="job-board__chips">
      <legend>{legend}</legend>
      {options.map((option) => {
        const checked = selected.includes(option.value);
        return (
          <label key={option.value} className="job-board__chip">
            <input type="checkbox" checked={checked} onChange={() => onChange(checked ? selected.filter((v) => v !== option.value) : [...selected, option.value])} />
            <span>{option.label}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

function CustomerFilter({ customerId, customerName, onChange }: { customerId: string; customerName: string | undefined; onChange(customerId: string): void }) {
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query);
  const results = useCustomerSearch(settled.trim(), settled.trim().length > 0);
  if (customerId) {
    return (
      <div className="ui-field">
        <span className="ui-field__label">{t('customer')}</span>
        <span className="job-board__picked">
          <span>{customerName ?? '…'}</span>
          <button type="button" aria-label={t('removeCustomer')} onClick={() => onChange('')}>
            ×
          </button>
        </span>
      </div>
    );
  }
  return (
    <Field label={t('customer')}>
      <ComboBox
        query={query}
        onQueryChange={setQuery}
        placeholder={t('customerPlaceholder')}
        loading={results.isFetching}
        emptyText={t('noCustomers')}
        options={settled.trim() ? (results.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })) : []}
        onSelect={(option) => {
          setQuery('');
          onChange(option.value);
        }}
      />
    </Field>
  );
}
