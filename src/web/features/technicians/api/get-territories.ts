import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { Territory as TerritorySchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';

export type Territory = Static<typeof TerritorySchema>;

/** GET /api/territories: the company's territories, each with the technicians who serve it. */
export const getTerritories = () => api<{ items: Territory[] }>('GET', '/api/territories');
export const territoriesQuery = () => queryOptions({ queryKey: ['territories'], queryFn: getTerritories });
export const useTerritories = () => useQuery(territoriesQuery());
