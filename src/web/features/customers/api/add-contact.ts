import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Contact } from '../../../lib/api-types.js';
import type { ContactInput } from './create-customer.js';

export const addContact = ({ customerId, ...input }: ContactInput & { customerId: string }) => api<Contact>('POST', `/api/customers/${customerId}/contacts`, input);

export function useAddContact() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addContact, onSuccess: (contact) => queryClient.invalidateQueries({ queryKey: ['customer', contact.customerId] }) });
}
