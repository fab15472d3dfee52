import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export const signOut = () => api<void>('POST', '/api/auth/sign-out');

/** Signs out and leaves for the sign-in page with a full load, so no cached data of the session survives. */
export const useSignOut = () => useMutation({ mutationFn: signOut, onSettled: () => window.location.assign('/sign-in') });
