import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { WorkingHours as WorkingHoursSchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';

export type WorkingHours = Static<typeof WorkingHoursSchema>;
export type WorkingInterval = WorkingHours['hours'][number];

/** GET /api/technicians/:userId/working-hours: their week, or the company's default week (`usesDefault`). */
export const getWorkingHours = (userId: string) => api<WorkingHours>('GET', `/api/technicians/${userId}/working-hours`);
export const workingHoursQuery = (userId: string) => queryOptions({ queryKey: ['working-hours', userId], queryFn: () => getWorkingHours(userId) });
export const useWorkingHours = (userId: string) => useQuery(workingHoursQuery(userId));
