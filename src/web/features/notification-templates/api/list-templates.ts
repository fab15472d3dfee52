import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export type TemplateLocale = 'en' | 'es' | 'fr';

/** One message in one language, as GET /api/notification-templates answers it. */
export interface NotificationTemplate {
  template: string;
  locale: TemplateLocale;
  audience: 'customer' | 'staff';
  subject: string;
  body: string;
  sms: string;
  action: string | null;
  customised: boolean;
  updatedAt: string | null;
  variables: string[];
}

export const listTemplates = () => api<{ items: NotificationTemplate[] }>('GET', '/api/notification-templates');

export const templatesQuery = () => queryOptions({ queryKey: ['notification-templates'], queryFn: listTemplates });

export const useTemplates = () => useQuery(templatesQuery());
