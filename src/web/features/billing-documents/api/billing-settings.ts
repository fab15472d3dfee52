import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StaffMe } from '../../../lib/api-types.js';
import type { BillingSettings, BillingSettingsPatch } from './types.js';

/** GET /api/billing/settings: payments, tax, due days, what approval does, PDF footer. */
export const getBillingSettings = () => api<BillingSettings>('GET', '/api/billing/settings');
export const billingSettingsQuery = () => queryOptions({ queryKey: ['billing-settings'], queryFn: getBillingSettings });
export const useBillingSettings = () => useQuery(billingSettingsQuery());

/** PATCH /api/billing/settings (admins): answers with the settings as saved. */
export const updateBillingSettings = (patch: BillingSettingsPatch) => api<BillingSettings>('PATCH', '/api/billing/settings', patch);
export function useUpdateBillingSettings() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateBillingSettings, onSuccess: (settings) => queryClient.setQueryData(['billing-settings'], settings) });
}

/** The signed-in staff member; the same cache entry the console's layout fills. */
export const useMe = () => useQuery({ queryKey: ['staff-me'], queryFn: () => api<StaffMe>('GET', '/api/auth/me'), staleTime: 60_000 });
