import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { NotificationTemplate, TemplateLocale } from './list-templates.js';

export const revertTemplate = ({ template, locale }: { template: string; locale: TemplateLocale }) =>
  api<NotificationTemplate>('DELETE', `/api/notification-templates/${template}/${locale}`);

export function useRevertTemplate() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: revertTemplate, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notification-templates'] }) });
}
