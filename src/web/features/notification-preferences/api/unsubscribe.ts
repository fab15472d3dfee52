import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** The unsubscribe link of an e-mail: stops job e-mails to that contact; answers the company's name. */
export const unsubscribe = (token: string) => api<{ companyName: string }>('POST', '/api/notifications/unsubscribe', { token });

export const useUnsubscribe = () => useMutation({ mutationFn: unsubscribe });
