import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StaffMe } from '../../../lib/api-types.js';

export interface SignInInput {
  email: string;
  password: string;
}

export const signIn = (input: SignInInput) => api<{ user: StaffMe & { id: string } }>('POST', '/api/auth/sign-in', input);

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff-me'] }) });
}
