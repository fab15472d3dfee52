import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'wouter';
import { Alert, Badge, Button, Card, CardHeader, Dialog, Field, PageHeader, Select, Skeleton, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useTemplates, type NotificationTemplate, type TemplateLocale } from '../api/list-templates.js';
import { usePreview } from '../api/preview-template.js';
import { useRevertTemplate } from '../api/revert-template.js';
import { useSaveTemplate, type Wording } from '../api/save-template.js';
import { templateName } from './template-names.js';
import './notification-templates.css';

const t = defineMessages({
  en: {
    title: 'Notification messages',
    subtitle: 'What customers and your team receive at each step, by e-mail and SMS, in each language. Variables in double braces are filled in when a message is sent.',
    language: 'Language',
    toCustomers: 'To customers',
    toTeam: 'To your team',
    customised: 'Customised',
    subject: 'Subject',
    body: 'E-mail text',
    bodyHint: 'Plain text; leave a blank line between paragraphs. The button to the job is added below it.',
    sms: 'SMS',
    smsHint: 'Leave empty to send no SMS for this message.',
    smsCount: '{count} of 480 characters · {segments} SMS',
    variables: 'Insert a variable',
    save: 'Save wording',
    discard: 'Discard changes',
    revert: 'Use the default wording',
    revertTitle: 'Go back to the default wording?',
    revertBody: 'Your wording of "{name}" in this language will be deleted and Arrivo’s default used again.',
    cancel: 'Keep mine',
    saved: 'Saved. The next "{name}" messages use this wording.',
    reverted: 'Back to the default wording.',
    lastChanged: 'Last changed {at}',
    defaultWording: 'Arrivo’s default wording',
    previewTitle: 'Preview with sample values',
    emailPreview: 'E-mail preview',
    subjectLine: 'Subject: {subject}',
    smsPreview: 'SMS preview',
    noSms: 'No SMS is sent for this message.',
    loadFailed: 'The messages could not be loaded.',
    adminsOnly: 'Only administrators can change notification messages.',
  },
});

const LANGUAGES: { value: TemplateLocale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Español' },
  { value: 'fr', label: 'Français' },
];

/** SMS are billed per segment: 160 GSM characters, or 153 each once a message needs several. */
const smsSegments = (text: string) => (text.length === 0 ? 0 : text.length <= 160 ? 1 : Math.ceil(text.length / 153));

/** Waits until the value has stopped changing for a moment, so the preview is not asked for on every keystroke. */
function useSettled<T>(value: T, delayMs = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** /console/settings/notifications: the company's wording of every message, with a live preview. */
export function NotificationTemplatesPage() {
  const templates = useTemplates();
  const [params, setParams] = useSearchParams();
  const locale = (LANGUAGES.some((l) => l.value === params.get('locale')) ? params.get('locale') : 'en') as TemplateLocale;
  const inLocale = (templates.data?.items ?? []).filter((item) => item.locale === locale);
  const selected = inLocale.find((item) => item.template === params.get('template')) ?? inLocale[0];
  const choose = (changes: Record<string, string>) => setParams((current) => ({ ...Object.fromEntries(current), ...changes }), { replace: true });

  if (templates.isError) {
    const forbidden = templates.error && 'status' in templates.error && templates.error.status === 403;
    return <Alert tone={forbidden ? 'info' : 'error'}>{forbidden ? t('adminsOnly') : t('loadFailed')}</Alert>;
  }

  return (
    <div className="notification-templates">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="notification-templates__layout">
        <aside className="notification-templates__list" aria-label={t('title')}>
          <Field label={t('language')}>
            <Select value={locale} onChange={(e) => choose({ locale: e.target.value })}>
              {LANGUAGES.map((language) => (
                <option key={language.value} value={language.value}>
                  {language.label}
                </option>
              ))}
            </Select>
          </Field>
          {templates.isPending ? (
            <Skeleton height={420} />
          ) : (
            (['customer', 'staff'] as const).map((audience) => (
              <div key={audience}>
                <h2 className="notification-templates__group">{audience === 'customer' ? t('toCustomers') : t('toTeam')}</h2>
                <ul>
                  {inLocale
                    .filter((item) => item.audience === audience)
                    .map((item) => (
                      <li key={item.template}>
                        <button
                          type="button"
                          className="notification-templates__item"
                          aria-current={item.template === selected?.template ? 'true' : undefined}
                          onClick={() => choose({ template: item.template })}
                        >
                          <span>{templateName(item.template as never)}</span>
                          {item.customised && <Badge tone="info">{t('customised')}</Badge>}
                        </button>
                      </li>
                    ))}
                </ul>
              </div>
            ))
          )}
        </aside>
        {selected ? <TemplateEditor key={`${selected.template}:${selected.locale}:${selected.updatedAt ?? 'default'}`} template={selected} /> : <Skeleton height={600} />}
      </div>
    </div>
  );
}

function TemplateEditor({ template }: { template: NotificationTemplate }) {
  const toast = useToast();
  const saved: Wording = { subject: template.subject, body: template.body, sms: template.sms };
  const [draft, setDraft] = useState<Wording>(saved);
  const [confirmRevert, setConfirmRevert] = useState(false);
  const focused = useRef<{ field: keyof Wording; element: HTMLInputElement | HTMLTextAreaElement } | null>(null);
  const save = useSaveTemplate();
  const revert = useRevertTemplate();
  const settledDraft = useSettled(draft);
  const preview = usePreview(template.template, template.locale, settledDraft);
  const name = templateName(template.template as never);
  const changed = draft.subject !== saved.subject || draft.body !== saved.body || draft.sms !== saved.sms;
  const errors = formErrors(save.error, ['subject', 'body', 'sms']);

  const update = (field: keyof Wording, value: string) => setDraft((current) => ({ ...current, [field]: value }));
  const track = (field: keyof Wording) => (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    focused.current = { field, element: event.currentTarget };
  };

  /** Puts {{variable}} where the cursor was in the field last used (the e-mail text by default). */
  const insert = (variable: string) => {
    const target = focused.current ?? { field: 'body' as const, element: null };
    const text = draft[target.field];
    const start = target.element?.selectionStart ?? text.length;
    const end = target.element?.selectionEnd ?? text.length;
    const token = `{{${variable}}}`;
    update(target.field, text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      target.element?.focus();
      target.element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ template: template.template, locale: template.locale, wording: draft }, { onSuccess: () => toast.show(t('saved', { name })) });
  };

  return (
    <div className="notification-templates__editor">
      <Card as="section" aria-labelledby="template-editor-title">
        <div className="ui-card__header">
          <h2 id="template-editor-title">{name}</h2>
          {template.customised ? (
            <Badge tone="info">{template.updatedAt ? t('lastChanged', { at: formatDateTime(template.updatedAt) }) : t('customised')}</Badge>
          ) : (
            <Badge>{t('defaultWording')}</Badge>
          )}
        </div>
        <form className="stack" onSubmit={submit} noValidate>
          {errors.message && <Alert>{errors.message}</Alert>}
          <Field label={t('subject')} error={fieldMessage(t('subject'), errors.fields.subject)}>
            <TextInput value={draft.subject} maxLength={200} onChange={(e) => update('subject', e.target.value)} onFocus={track('subject')} onSelect={track('subject')} />
          </Field>
          <Field label={t('body')} hint={t('bodyHint')} error={fieldMessage(t('body'), errors.fields.body)}>
            <TextArea rows={10} value={draft.body} maxLength={5000} onChange={(e) => update('body', e.target.value)} onFocus={track('body')} onSelect={track('body')} />
          </Field>
          <Field label={t('sms')} hint={`${t('smsHint')} ${t('smsCount', { count: draft.sms.length, segments: smsSegments(draft.sms) })}`} error={fieldMessage(t('sms'), errors.fields.sms)}>
            <TextArea rows={3} value={draft.sms} maxLength={480} onChange={(e) => update('sms', e.target.value)} onFocus={track('sms')} onSelect={track('sms')} />
          </Field>
          <fieldset className="notification-templates__variables">
            <legend>{t('variables')}</legend>
            {template.variables.map((variable) => (
              <Button key={variable} variant="secondary" size="small" onClick={() => insert(variable)}>
                {`{{${variable}}}`}
              </Button>
            ))}
          </fieldset>
          <div className="row">
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              {t('save')}
            </Button>
            <Button variant="secondary" disabled={!changed} onClick={() => setDraft(saved)}>
              {t('discard')}
            </Button>
            {template.customised && (
              <Button variant="ghost" onClick={() => setConfirmRevert(true)}>
                {t('revert')}
              </Button>
            )}
          </div>
        </form>
      </Card>
      <Card as="section" aria-labelledby="template-preview-title">
        <CardHeader title={<span id="template-preview-title">{t('previewTitle')}</span>} />
        {preview.isError ? (
          <Alert>{preview.error.message}</Alert>
        ) : !preview.data ? (
          <Skeleton height={480} />
        ) : (
          <div className="stack">
            <p className="notification-templates__subject">{t('subjectLine', { subject: preview.data.subject })}</p>
            {/* The e-mail's own HTML in a sandbox: no scripts, no access to the console. */}
            <iframe className="notification-templates__email" title={t('emailPreview')} sandbox="" srcDoc={preview.data.html} />
            <div>
              <h3 className="small muted">{t('smsPreview')}</h3>
              {preview.data.sms ? <p className="notification-templates__sms">{preview.data.sms}</p> : <p className="muted">{t('noSms')}</p>}
            </div>
          </div>
        )}
      </Card>
      <Dialog open={confirmRevert} title={t('revertTitle')} onClose={() => setConfirmRevert(false)}>
        <p>{t('revertBody', { name })}</p>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={() => setConfirmRevert(false)}>
            {t('cancel')}
          </Button>
          <Button
            variant="danger"
            loading={revert.isPending}
            onClick={() =>
              revert.mutate(
                { template: template.template, locale: template.locale },
                {
                  onSuccess: () => {
                    setConfirmRevert(false);
                    toast.show(t('reverted'));
                  },
                  onError: (error) => toast.show(error.message, 'error'),
                },
              )
            }
          >
            {t('revert')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
