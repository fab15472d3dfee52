import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Location } from '../../../lib/api-types.js';
import type { LocationInput } from './create-customer.js';

export const addLocation = ({ customerId, ...input }: LocationInput & { customerId: string }) => api<Location>('POST', `/api/customers/${customerId}/locations`, input);

export function useAddLocation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addLocation, onSuccess: (location) => queryClient.invalidateQueries({ queryKey: ['customer', location.customerId] }) });
}
