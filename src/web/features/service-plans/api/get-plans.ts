import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { ServicePlanList } from '../types.js';

/** GET /api/service-plans (office): every plan of the company, or one customer's. */
export const getPlans = (filter: { customerId?: string; status?: string }) => api<ServicePlanList>('GET', `/api/service-plans${queryString(filter)}`);

export const plansQuery = (filter: { customerId?: string; status?: string } = {}) => queryOptions({ queryKey: ['service-plans', 'staff', filter], queryFn: () => getPlans(filter) });

export const usePlans = (filter: { customerId?: string; status?: string } = {}) => useQuery(plansQuery(filter));
