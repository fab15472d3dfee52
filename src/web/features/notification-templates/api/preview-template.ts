import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { TemplateLocale } from './list-templates.js';
import type { Wording } from './save-template.js';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

export const previewTemplate = (template: string, locale: TemplateLocale, draft: Partial<Wording>) =>
  api<RenderedMessage>('POST', `/api/notification-templates/${template}/${locale}/preview`, draft);

export const previewQuery = (template: string, locale: TemplateLocale, draft: Partial<Wording>) =>
  queryOptions({ queryKey: ['notification-template-preview', template, locale, draft], queryFn: () => previewTemplate(template, locale, draft), staleTime: 60_000 });

/** The message rendered with sample values; the previous rendering stays while the next one loads, so the preview never flashes. */
export const usePreview = (template: string, locale: TemplateLocale, draft: Partial<Wording>) =>
  useQuery({ ...previewQuery(template, locale, draft), placeholderData: keepPreviousData });
