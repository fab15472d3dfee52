import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export interface SignInLinkInput {
  /** The company's slug. */
  company: string;
  email: string;
}

/** E-mails a sign-in link; the answer is the same whether or not the address is known. */
export const requestSignInLink = (input: SignInLinkInput) => api<{ message: string }>('POST', '/api/portal/sign-in-links', input);

export const useRequestSignInLink = () => useMutation({ mutationFn: requestSignInLink });
