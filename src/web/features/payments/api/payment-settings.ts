import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { PaymentSettings } from './types.js';

export const getPaymentSettings = () => api<PaymentSettings>('GET', '/api/payments/settings');
export const paymentSettingsQuery = () => queryOptions({ queryKey: ['payments', 'settings'], queryFn: getPaymentSettings });
export const usePaymentSettings = () => useQuery(paymentSettingsQuery());

export const updatePaymentSettings = (patch: { allowPartialPayments?: boolean; reminderDays?: number[] }) => api<PaymentSettings>('PATCH', '/api/payments/settings', patch);

export function useUpdatePaymentSettings() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updatePaymentSettings, onSuccess: (settings) => queryClient.setQueryData(paymentSettingsQuery().queryKey, settings) });
}
