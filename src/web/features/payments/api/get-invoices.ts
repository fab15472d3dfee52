import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { InvoiceFilter, InvoiceSummary } from './types.js';

export const getInvoices = (filter: InvoiceFilter) => api<{ items: InvoiceSummary[] }>('GET', `/api/payments/invoices${queryString({ status: filter === 'all' ? undefined : filter, limit: 200 })}`);

/** Refreshed live (see billing-page.tsx) and every 30 s as a safety net. */
export const invoicesQuery = (filter: InvoiceFilter) => queryOptions({ queryKey: ['payments', 'invoices', filter], queryFn: () => getInvoices(filter), refetchInterval: 30_000, placeholderData: keepPreviousData });

export const useInvoices = (filter: InvoiceFilter) => useQuery(invoicesQuery(filter));
