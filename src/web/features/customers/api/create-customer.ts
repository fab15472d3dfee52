import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerDetail } from '../../../lib/api-types.js';

export interface ContactInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  role?: 'admin' | 'member';
}

export interface LocationInput {
  label?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  accessNotes?: string | null;
}

export interface CreateCustomerInput {
  kind: 'organisation' | 'household';
  name: string;
  contacts?: ContactInput[];
  locations?: LocationInput[];
}

export const createCustomer = (input: CreateCustomerInput) => api<CustomerDetail>('POST', '/api/customers', input);

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    onSuccess: (customer) => {
      queryClient.setQueryData(['customer', customer.id], customer);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
