import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { TimeOff as TimeOffSchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';

export type TimeOff = Static<typeof TimeOffSchema>;

/** GET /api/technicians/:userId/time-off: their time off that has not ended yet. */
export const getTimeOff = (userId: string) => api<{ items: TimeOff[] }>('GET', `/api/technicians/${userId}/time-off`);
export const timeOffQuery = (userId: string) => queryOptions({ queryKey: ['time-off', userId], queryFn: () => getTimeOff(userId) });
export const useTimeOff = (userId: string) => useQuery(timeOffQuery(userId));
