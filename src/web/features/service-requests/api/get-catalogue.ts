import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Priority } from '../../../lib/api-types.js';

export interface CatalogueItem {
  id: string;
  name: string;
  description: string | null;
  /** The response time each priority promises, in minutes. */
  slaMinutes: Partial<Record<Priority, number>>;
}

/** What the customer can request, with the response time of each priority. */
export const getCatalogue = () => api<{ items: CatalogueItem[] }>('GET', '/api/portal/catalogue');

export const catalogueQuery = () => queryOptions({ queryKey: ['portal-catalogue'], queryFn: getCatalogue, staleTime: 10 * 60_000 });

export const useCatalogue = () => useQuery(catalogueQuery());
