import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ServicePlanList } from '../types.js';

/** GET /api/portal/service-plans: the signed-in customer's plans and the frequencies they may pick. */
export const getMyPlans = () => api<ServicePlanList>('GET', '/api/portal/service-plans');

export const myPlansQuery = () => queryOptions({ queryKey: ['service-plans', 'mine'], queryFn: getMyPlans });

export const useMyPlans = () => useQuery(myPlansQuery());
