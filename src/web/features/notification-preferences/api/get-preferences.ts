import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export type Language = 'en' | 'es' | 'fr';

export interface Preferences {
  email: boolean;
  sms: boolean;
  /** "HH:MM" in the company's time zone, or null for none. */
  quietHours: { start: string; end: string } | null;
  /** The contact replied STOP: only texting START turns SMS back on. */
  smsOptedOut: boolean;
  emailUnsubscribed: boolean;
  language: string;
}

export const getPreferences = () => api<Preferences>('GET', '/api/portal/preferences');

export const preferencesQuery = () => queryOptions({ queryKey: ['portal-preferences'], queryFn: getPreferences });

export const usePreferences = () => useQuery(preferencesQuery());
