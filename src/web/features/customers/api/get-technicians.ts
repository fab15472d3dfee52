import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Technician } from '../../../lib/api-types.js';

export const getTechnicians = () => api<{ items: Technician[] }>('GET', '/api/technicians');
export const techniciansQuery = () => queryOptions({ queryKey: ['technicians'], queryFn: getTechnicians, staleTime: 60_000 });
export const useTechnicians = () => useQuery(techniciansQuery());
