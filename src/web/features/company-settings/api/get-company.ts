import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Company } from '../../../lib/api-types.js';

export const getCompany = () => api<Company>('GET', '/api/company');
/** The same key as the console's layout: saving here updates its header and colours at once. */
export const companyQuery = () => queryOptions({ queryKey: ['company'], queryFn: getCompany, staleTime: 5 * 60_000 });
export const useCompany = () => useQuery(companyQuery());
