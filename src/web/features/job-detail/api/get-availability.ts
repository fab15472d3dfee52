import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api, queryString } from '../../../lib/api-client.js';
import type { StaffAvailability as StaffAvailabilitySchema, StaffAvailabilityQuery } from '../../../../server/modules/scheduling/scheduling.schemas.js';

export type StaffAvailability = Static<typeof StaffAvailabilitySchema>;
export type StaffWindow = StaffAvailability['windows'][number];
export type AvailabilityQuery = Static<typeof StaffAvailabilityQuery>;

/**
 * GET /api/availability: the windows a visit of this category at this address fits into, each with
 * the technicians who could come and the suggested one (least extra driving). `jobId` keeps a job's
 * own visit from blocking its move.
 */
export const getAvailability = (query: AvailabilityQuery) => api<StaffAvailability>('GET', `/api/availability${queryString({ ...query })}`);
export const availabilityQuery = (query: AvailabilityQuery) =>
  queryOptions({ queryKey: ['availability', query], queryFn: () => getAvailability(query), staleTime: 30_000, placeholderData: keepPreviousData });
export const useAvailability = (query: AvailabilityQuery, enabled = true) => useQuery({ ...availabilityQuery(query), enabled });
