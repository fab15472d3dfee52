import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api-client.js';
import type { PortalMe } from './api-types.js';

/** The signed-in customer contact (with the company and saved addresses), or null when the visitor is not signed in (a job link alone is not a sign-in). */
export async function getPortalMe(): Promise<PortalMe | null> {
  try {
    return await api<PortalMe>('GET', '/api/portal/me');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export const portalMeQuery = () => queryOptions({ queryKey: ['portal-me'], queryFn: getPortalMe, staleTime: 5 * 60_000 });

export const usePortalMe = () => useQuery(portalMeQuery());
