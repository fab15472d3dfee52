import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Company } from '../../../lib/api-types.js';

export interface CompanyPatch {
  name?: string;
  phone?: string | null;
  email?: string | null;
  logoUrl?: string | null;
  brandColor?: string;
  timezone?: string;
  locale?: string;
  currency?: string;
}

export const updateCompany = (patch: CompanyPatch) => api<Company>('PATCH', '/api/company', patch);

export function useUpdateCompany() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateCompany, onSuccess: (company) => queryClient.setQueryData(['company'], company) });
}
