import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.js';
import type { PortalMe } from '../../../lib/api-types.js';

/**
 * The signed-in contact with their saved addresses. Same key and meaning as the layout's query
 * (null when not signed in), so the form reuses what the header already loaded.
 */
export async function getPortalMe(): Promise<PortalMe | null> {
  try {
    return await api<PortalMe>('GET', '/api/portal/me');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export const savedAddressesQuery = () => queryOptions({ queryKey: ['portal-me'], queryFn: getPortalMe, staleTime: 5 * 60_000 });

export const useSavedAddresses = () => useQuery(savedAddressesQuery());
