import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { preferencesQuery, type Language, type Preferences } from './get-preferences.js';

export interface PreferencesPatch {
  email?: boolean;
  sms?: boolean;
  quietHours?: { start: string; end: string } | null;
  language?: Language;
}

export const updatePreferences = (patch: PreferencesPatch) => api<Preferences>('PATCH', '/api/portal/preferences', patch);

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updatePreferences, onSuccess: (saved) => queryClient.setQueryData(preferencesQuery().queryKey, saved) });
}
