import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export interface SetupInput {
  token: string;
  company: { name: string; slug: string; timezone: string };
  admin: { name: string; email: string; password: string };
}

export const getSetupNeeded = () => api<{ needed: boolean }>('GET', '/api/setup');
export const setupNeededQuery = () => queryOptions({ queryKey: ['setup-needed'], queryFn: getSetupNeeded });
export const useSetupNeeded = () => useQuery(setupNeededQuery());

export const setUp = (input: SetupInput) => api<unknown>('POST', '/api/setup', input);
export const useSetUp = () => useMutation({ mutationFn: setUp });
