import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** Redeems the single-use token of a sign-in e-mail (by POST, so mail scanners opening the link do not use it up). */
export const signInWithToken = (token: string) => api<{ contact: { id: string; name: string; customerId: string }; expiresAt: string }>('POST', '/api/portal/sign-in', { token });

export function useSignInWithToken() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signInWithToken, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal-me'] }) });
}
