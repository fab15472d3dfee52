import { useState, type FormEvent } from 'react';
import { Alert, Button, ButtonLink, Field, TextInput } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useSetUp } from '../api/setup.js';
import { AuthLayout } from './auth-layout.js';

const t = defineMessages({
  en: {
    title: 'Set up your company',
    subtitle: 'This creates your company and your administrator account. You can change everything later in Settings.',
    companyName: 'Company name',
    slug: 'Web address name',
    slugHint: 'Lower-case letters, digits and dashes; customers see it in their sign-in address.',
    timezone: 'Time zone',
    timezoneHint: 'Where your technicians work; appointment times are shown in it.',
    yourName: 'Your name',
    email: 'Your email',
    password: 'Password',
    passwordHint: 'At least 12 characters.',
    submit: 'Create company',
    noToken: 'This page needs the set-up link printed by the server when it first started. Open that link instead.',
    doneTitle: 'Your company is ready',
    doneBody: 'You are signed in as its administrator. Next: add your service categories, technicians and customers.',
    openConsole: 'Open the console',
  },
});

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

/** First run: the one-time token arrives in the URL fragment, which never reaches a server log. */
export function SetupPage() {
  const [token] = useState(() => {
    const value = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (value) window.history.replaceState(null, '', window.location.pathname);
    return value;
  });
  const [companyName, setCompanyName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const setUp = useSetUp();
  const errors = formErrors(setUp.error, ['company.name', 'company.slug', 'company.timezone', 'admin.name', 'admin.email', 'admin.password']);

  if (setUp.isSuccess) {
    return (
      <AuthLayout title={t('doneTitle')}>
        <p>{t('doneBody')}</p>
        <ButtonLink href="/console" external>
          {t('openConsole')}
        </ButtonLink>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    setUp.mutate({ token, company: { name: companyName, slug, timezone }, admin: { name, email, password } });
  };

  return (
    <AuthLayout title={t('title')} subtitle={t('subtitle')}>
      {!token && <Alert tone="info">{t('noToken')}</Alert>}
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <Field label={t('companyName')} error={fieldMessage(t('companyName'), errors.fields['company.name'])}>
          <TextInput
            required
            maxLength={120}
            value={companyName}
            onChange={(e) => {
              setCompanyName(e.target.value);
              if (!slugEdited) setSlug(slugOf(e.target.value));
            }}
          />
        </Field>
        <Field label={t('slug')} hint={t('slugHint')} error={fieldMessage(t('slug'), errors.fields['company.slug'])}>
          <TextInput
            required
            value={slug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
          />
        </Field>
        <Field label={t('timezone')} hint={t('timezoneHint')} error={fieldMessage(t('timezone'), errors.fields['company.timezone'])}>
          <TextInput required value={timezone} onChange={(e) => setTimezone(e.target.value)} />
        </Field>
        <Field label={t('yourName')} error={fieldMessage(t('yourName'), errors.fields['admin.name'])}>
          <TextInput required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('email')} error={fieldMessage(t('email'), errors.fields['admin.email'])}>
          <TextInput type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('password')} hint={t('passwordHint')} error={fieldMessage(t('password'), errors.fields['admin.password'])}>
          <TextInput type="password" required minLength={12} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" block loading={setUp.isPending} disabled={!token}>
          {t('submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
