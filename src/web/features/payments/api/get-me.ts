import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StaffMe } from '../../../lib/api-types.js';

/** The signed-in staff member; the same cache entry the console's layout fills, so no second request. */
export const useMe = () => useQuery({ queryKey: ['staff-me'], queryFn: () => api<StaffMe>('GET', '/api/auth/me'), staleTime: 60_000 });
