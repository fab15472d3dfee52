import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { NotificationTemplate, TemplateLocale } from './list-templates.js';

export interface Wording {
  subject: string;
  body: string;
  sms: string;
}

export const saveTemplate = ({ template, locale, wording }: { template: string; locale: TemplateLocale; wording: Wording }) =>
  api<NotificationTemplate>('PUT', `/api/notification-templates/${template}/${locale}`, wording);

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveTemplate, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notification-templates'] }) });
}
