import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Technician } from '../../../lib/api-types.js';

export interface ProfilePatch {
  phone?: string | null;
  photoUrl?: string | null;
  bio?: string | null;
  skills?: string[];
  homeBase?: { address: string | null; lat: number | null; lng: number | null };
}

export const updateProfile = ({ userId, ...patch }: ProfilePatch & { userId: string }) => api<Technician>('PATCH', `/api/technicians/${userId}/profile`, patch);

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateProfile, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['technicians'] }) });
}
