import { useEffect, useState, type FormEvent } from 'react';
import { Redirect } from 'wouter';
import { Alert, Button, Card, CardHeader, Checkbox, Field, PageHeader, Select, Skeleton, TextInput, useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { useBrand } from '../../../lib/brand.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { usePreferences, type Language, type Preferences } from '../api/get-preferences.js';
import { useUpdatePreferences, type PreferencesPatch } from '../api/update-preferences.js';
import './notification-preferences.css';

const t = defineMessages({
  en: {
    title: 'Settings',
    subtitle: 'Choose how we keep you posted about your jobs.',
    channels: 'How we contact you',
    email: 'Email me about my jobs',
    emailUnsubscribed: 'You unsubscribed from our emails. Tick the box to receive them again.',
    sms: 'Text me (SMS) about my jobs',
    smsOptedOut: 'You replied STOP to our text messages. Text START to the same number to receive them again.',
    channelsNote: 'Messages on the job page are always there, whatever you choose.',
    quiet: 'Quiet hours',
    quietOn: 'Hold emails and texts during quiet hours',
    quietHint: 'Messages wait until the quiet hours end. Times are in {zone} time.',
    quietHintNoZone: 'Messages wait until the quiet hours end.',
    quietStart: 'Quiet from',
    quietEnd: 'Quiet until',
    quietSame: 'The end must differ from the start.',
    language: 'Language',
    languageLabel: 'Language of our messages',
    save: 'Save preferences',
    saved: 'Your preferences are saved.',
    savedAt: 'Saved at {time}.',
    unsaved: 'You have unsaved changes.',
    upToDate: 'All changes saved.',
    loadError: 'We could not load your preferences. Check your connection and try again.',
    retry: 'Try again',
    documentTitle: 'Settings',
  },
});

const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Español' },
  { value: 'fr', label: 'Français' },
];

interface Draft {
  email: boolean;
  sms: boolean;
  quiet: boolean;
  start: string;
  end: string;
  language: string;
}

const draftOf = (p: Preferences): Draft => ({ email: p.email, sms: p.sms, quiet: p.quietHours !== null, start: p.quietHours?.start ?? '21:00', end: p.quietHours?.end ?? '08:00', language: p.language });

/** /portal/settings — e-mail and SMS switches, quiet hours and the language of messages. */
export function PreferencesPage() {
  const preferences = usePreferences();
  useEffect(() => {
    document.title = t('documentTitle');
  }, []);

  if (preferences.error instanceof ApiError && (preferences.error.status === 401 || preferences.error.status === 403)) return <Redirect to="/portal/sign-in" replace />;
  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {preferences.data ? (
        <PreferencesForm saved={preferences.data} />
      ) : preferences.isError ? (
        <Alert>
          <span className="row-between">
            {t('loadError')}
            <Button size="small" variant="secondary" onClick={() => void preferences.refetch()}>
              {t('retry')}
            </Button>
          </span>
        </Alert>
      ) : (
        <div className="stack" aria-busy="true">
          {[110, 130, 80].map((height) => (
            <Card key={height}>
              <Skeleton height={24} width="40%" />
              <Skeleton height={height} style={{ marginTop: 16 }} />
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}

function PreferencesForm({ saved }: { saved: Preferences }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [savedAt, setSavedAt] = useState<string>();
  const update = useUpdatePreferences();
  const toast = useToast();
  const brand = useBrand();
  const errors = formErrors(update.error, ['email', 'sms', 'quietHours', 'quietHours.start', 'quietHours.end', 'language']);
  const base = draftOf(saved);
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const quietSame = draft.quiet && draft.start === draft.end;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (quietSame) return;
    const patch: PreferencesPatch = {
      email: draft.email,
      quietHours: draft.quiet ? { start: draft.start, end: draft.end } : null,
      ...(draft.language !== saved.language && LANGUAGES.some((l) => l.value === draft.language) ? { language: draft.language as Language } : {}),
      // SMS stays as the phone left it after a STOP; sending it would be refused.
      ...(saved.smsOptedOut ? {} : { sms: draft.sms }),
    };
    update.mutate(patch, {
      onSuccess: (next) => {
        setDraft(draftOf(next));
        setSavedAt(new Date().toISOString());
        toast.show(t('saved'));
      },
    });
  };

  const languages = LANGUAGES.some((l) => l.value === draft.language) ? LANGUAGES : [...LANGUAGES, { value: draft.language as Language, label: draft.language }];
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {errors.message && <Alert>{errors.message}</Alert>}

      <Card as="section" aria-labelledby="prefs-channels">
        <CardHeader title={<span id="prefs-channels">{t('channels')}</span>} />
        <div className="stack">
          <div className="stack-sm">
            <Checkbox label={t('email')} checked={draft.email} onChange={(e) => set('email', e.target.checked)} aria-describedby={saved.emailUnsubscribed ? 'prefs-email-note' : undefined} />
            {saved.emailUnsubscribed && !draft.email && (
              <p id="prefs-email-note" className="small muted prefs__note">
                {t('emailUnsubscribed')}
              </p>
            )}
            {errors.fields.email && <span className="ui-field__error">{fieldMessage(t('email'), errors.fields.email)}</span>}
          </div>
          <div className="stack-sm">
            <Checkbox label={t('sms')} checked={draft.sms} disabled={saved.smsOptedOut} onChange={(e) => set('sms', e.target.checked)} aria-describedby={saved.smsOptedOut ? 'prefs-sms-note' : undefined} />
            {saved.smsOptedOut && (
              <p id="prefs-sms-note" className="small muted prefs__note">
                {t('smsOptedOut')}
              </p>
            )}
            {errors.fields.sms && <span className="ui-field__error">{errors.fields.sms}</span>}
          </div>
          <p className="small muted">{t('channelsNote')}</p>
        </div>
      </Card>

      <Card as="section" aria-labelledby="prefs-quiet">
        <CardHeader title={<span id="prefs-quiet">{t('quiet')}</span>} />
        <div className="stack">
          <Checkbox label={t('quietOn')} checked={draft.quiet} onChange={(e) => set('quiet', e.target.checked)} />
          {draft.quiet && (
            <div className="prefs__times">
              <Field label={t('quietStart')} error={fieldMessage(t('quietStart'), errors.fields['quietHours.start'])}>
                <TextInput type="time" step={900} value={draft.start} onChange={(e) => set('start', e.target.value)} required />
              </Field>
              <Field label={t('quietEnd')} error={quietSame ? t('quietSame') : fieldMessage(t('quietEnd'), errors.fields['quietHours.end'])}>
                <TextInput type="time" step={900} value={draft.end} onChange={(e) => set('end', e.target.value)} required />
              </Field>
            </div>
          )}
          <p className="small muted">{brand?.timezone ? t('quietHint', { zone: brand.timezone.replace(/_/g, ' ') }) : t('quietHintNoZone')}</p>
        </div>
      </Card>

      <Card as="section" aria-labelledby="prefs-language">
        <CardHeader title={<span id="prefs-language">{t('language')}</span>} />
        <Field label={t('languageLabel')} error={fieldMessage(t('languageLabel'), errors.fields.language)}>
          <Select value={draft.language} onChange={(e) => set('language', e.target.value)}>
            {languages.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </Select>
        </Field>
      </Card>

      <div className="prefs__actions">
        <Button type="submit" loading={update.isPending}>
          {t('save')}
        </Button>
        <p className="small prefs__state" role="status">
          {dirty ? <span className="prefs__unsaved">{t('unsaved')}</span> : savedAt ? t('savedAt', { time: formatTime(savedAt) }) : t('upToDate')}
        </p>
      </div>
    </form>
  );
}
