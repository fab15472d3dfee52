import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ServiceCategory } from '../../../lib/api-types.js';

export type CategoryInput = Omit<ServiceCategory, 'id'>;

export const getCategories = () => api<{ items: ServiceCategory[] }>('GET', '/api/service-categories');
export const categoriesQuery = () => queryOptions({ queryKey: ['service-categories'], queryFn: getCategories });
export const useCategories = () => useQuery(categoriesQuery());
