import { useMemo } from 'react';
import { useSearchParams } from 'wouter';
import type { JobStatus, Priority } from '../../../lib/api-types.js';
import { zonedToIso } from '../../../lib/format.js';
import type { JobListParams } from '../api/get-jobs.js';

export type QuickView = 'all' | 'unassigned' | 'overdue';

/** The board's filters as they sit in the address bar, so a view can be shared and the back button undoes a change. */
export interface BoardFilters {
  statuses: JobStatus[];
  priorities: Priority[];
  technicianId: string;
  customerId: string;
  from: string;
  to: string;
  q: string;
  view: QuickView;
}

const OPEN_STATUSES: JobStatus[] = ['created', 'scheduled', 'rescheduled', 'en_route', 'in_progress', 'paused'];

const list = <T extends string>(value: string | null) => (value ? (value.split(',').filter(Boolean) as T[]) : []);

/** The calendar day after a YYYY-MM-DD day: the end of a date range is inclusive on screen, exclusive in the API. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function useBoardFilters() {
  const [params, setParams] = useSearchParams();
  const filters: BoardFilters = useMemo(
    () => ({
      statuses: list<JobStatus>(params.get('status')),
      priorities: list<Priority>(params.get('priority')),
      technicianId: params.get('technician') ?? '',
      customerId: params.get('customer') ?? '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      q: params.get('q') ?? '',
      view: (['unassigned', 'overdue'].includes(params.get('view') ?? '') ? params.get('view') : 'all') as QuickView,
    }),
    [params],
  );

  /** Changes some filters; typing in the search box replaces the history entry instead of adding one per key. */
  const update = (patch: Partial<BoardFilters>, options: { replace?: boolean } = {}) => {
    const next = { ...filters, ...patch };
    const search = new URLSearchParams();
    if (next.view !== 'all') search.set('view', next.view);
    if (next.statuses.length) search.set('status', next.statuses.join(','));
    if (next.priorities.length) search.set('priority', next.priorities.join(','));
    if (next.technicianId) search.set('technician', next.technicianId);
    if (next.customerId) search.set('customer', next.customerId);
    if (next.from) search.set('from', next.from);
    if (next.to) search.set('to', next.to);
    if (next.q) search.set('q', next.q);
    setParams(search, { replace: options.replace });
  };

  const clear = () => setParams(new URLSearchParams());

  const active = filters.statuses.length + filters.priorities.length > 0 || Boolean(filters.technicianId || filters.customerId || filters.from || filters.to || filters.q) || filters.view !== 'all';

  return { filters, update, clear, active };
}

/** The board's filters as GET /api/jobs takes them; days become instants in the company's time zone. */
export function toApiParams(filters: BoardFilters): JobListParams {
  // "Needs scheduling" means open jobs without a technician; closed ones need nothing.
  const statuses = filters.view === 'unassigned' && filters.statuses.length === 0 ? OPEN_STATUSES : filters.statuses;
  return {
    status: statuses.join(',') || undefined,
    priority: filters.priorities.join(',') || undefined,
    technicianId: filters.technicianId || undefined,
    customerId: filters.customerId || undefined,
    scheduledFrom: filters.from ? zonedToIso(filters.from, '00:00') : undefined,
    scheduledTo: filters.to ? zonedToIso(nextDay(filters.to), '00:00') : undefined,
    unassigned: filters.view === 'unassigned' || undefined,
    overdue: filters.view === 'overdue' || undefined,
    q: filters.q.trim() || undefined,
  };
}
