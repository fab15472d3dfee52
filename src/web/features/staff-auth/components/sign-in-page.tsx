import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'wouter';
import { Alert, Button, Field, TextInput } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useSignIn } from '../api/sign-in.js';
import { AuthLayout } from './auth-layout.js';

const t = defineMessages({
  en: {
    title: 'Sign in',
    subtitle: 'For dispatchers, technicians and administrators.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    customer: 'Are you a customer? Use the link in your last message from us, or sign in to your portal.',
    customerLink: 'Customer sign-in',
  },
});

/** Where a signed-in person goes: technicians to their day, office staff to the console, or back where they came from. */
export function landingFor(role: string, next: string | null): string {
  const safeNext = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
  if (role === 'technician') return safeNext?.startsWith('/tech') ? safeNext : '/tech';
  return safeNext && !safeNext.startsWith('/tech') ? safeNext : '/console';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const errors = formErrors(signIn.error, ['email', 'password']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      // Another front end may be the destination: a full load starts it cleanly.
      { onSuccess: ({ user }) => window.location.assign(landingFor(user.role, params.get('next'))) },
    );
  };

  return (
    <AuthLayout title={t('title')} subtitle={t('subtitle')}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <Field label={t('email')} error={fieldMessage(t('email'), errors.fields.email)}>
          <TextInput type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('password')} error={fieldMessage(t('password'), errors.fields.password)}>
          <TextInput type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" block loading={signIn.isPending}>
          {t('submit')}
        </Button>
      </form>
      <p className="small muted">
        {t('customer')} <a href="/portal/sign-in">{t('customerLink')}</a>
      </p>
    </AuthLayout>
  );
}
