import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.js';
import type { StaffMe } from '../../../lib/api-types.js';

/** The signed-in staff member, or null when nobody (or a customer) is signed in. */
export async function getStaffMe(): Promise<StaffMe | null> {
  try {
    return await api<StaffMe>('GET', '/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export const staffMeQuery = () => queryOptions({ queryKey: ['staff-me'], queryFn: getStaffMe, staleTime: 60_000 });

export const useStaffMe = () => useQuery(staffMeQuery());
