import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ServiceCategory } from '../../../lib/api-types.js';

/** GET /api/service-categories: what a plan can be for. */
export const getCategories = () => api<{ items: ServiceCategory[] }>('GET', '/api/service-categories');

export const categoriesQuery = () => queryOptions({ queryKey: ['service-categories'], queryFn: getCategories });

export const useCategories = () => useQuery(categoriesQuery());
