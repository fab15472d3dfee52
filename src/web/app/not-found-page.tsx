import { EmptyState } from '../components/ui/index.js';
import { defineMessages } from '../lib/i18n.js';

const t = defineMessages({ en: { title: 'This page does not exist', body: 'The address may be mistyped, or the page has moved.' } });

export function NotFoundPage() {
  return <EmptyState title={t('title')}>{t('body')}</EmptyState>;
}
