import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export const signOutCustomer = () => api<void>('POST', '/api/auth/sign-out');

/** Signs out and reloads on the sign-in page, so nothing of the session stays in memory. */
export const useCustomerSignOut = () => useMutation({ mutationFn: signOutCustomer, onSettled: () => window.location.assign('/portal/sign-in') });
