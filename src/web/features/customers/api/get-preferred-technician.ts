import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { PreferredTechnicianView } from '../../../../server/modules/dispatch/dispatch.schemas.js';

export type PreferredTechnician = Static<typeof PreferredTechnicianView>;

/** GET /api/customers/:customerId/preferred-technician: whom the dispatch rules favour for this customer. */
export const getPreferredTechnician = (customerId: string) => api<PreferredTechnician>('GET', `/api/customers/${customerId}/preferred-technician`);
export const preferredTechnicianQuery = (customerId: string) => queryOptions({ queryKey: ['customer', customerId, 'preferred-technician'], queryFn: () => getPreferredTechnician(customerId) });
export const usePreferredTechnician = (customerId: string) => useQuery(preferredTechnicianQuery(customerId));
