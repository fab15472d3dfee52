import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Checkbox, Field, TextInput, useToast } from '../../../components/ui/index.js';
import { formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { usePaymentSettings, useUpdatePaymentSettings } from '../api/payment-settings.js';

const t = defineMessages({
  en: {
    title: 'Payment settings',
    partial: 'Customers may pay part of an invoice',
    reminders: 'Overdue reminders (days after the due date)',
    remindersHint: 'Comma-separated, e.g. 1, 7, 14. Each step is sent once per invoice; none after it is paid.',
    remindersInvalid: 'Enter whole numbers of days from 1 to 365, separated by commas.',
    save: 'Save payment settings',
    saved: 'Payment settings saved.',
    stripe: 'Card payments through Stripe are configured on this installation.',
    noStripe: 'Stripe is not configured on this installation: online payments use the offline provider (demo and test cards).',
  },
});

/** Admins: partial payments and the overdue reminder steps (docs/payments.md). */
export function PaymentSettingsCard() {
  const settings = usePaymentSettings();
  const update = useUpdatePaymentSettings();
  const toast = useToast();
  const [partial, setPartial] = useState(true);
  const [days, setDays] = useState('1, 7, 14');
  const [local, setLocal] = useState<string | undefined>();
  useEffect(() => {
    if (settings.data) {
      setPartial(settings.data.allowPartialPayments);
      setDays(settings.data.reminderDays.join(', '));
    }
  }, [settings.data]);
  if (!settings.data) return null;
  const errors = formErrors(update.error, ['reminderDays']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = days.split(',').map((d) => d.trim()).filter(Boolean).map(Number);
    if (parsed.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) return setLocal(t('remindersInvalid'));
    setLocal(undefined);
    update.mutate({ allowPartialPayments: partial, reminderDays: parsed }, { onSuccess: () => toast.show(t('saved')) });
  };
  return (
    <Card as="section" aria-labelledby="payment-settings-title">
      <CardHeader title={<span id="payment-settings-title">{t('title')}</span>} />
      <form className="stack-sm" onSubmit={submit} noValidate>
        <p className="muted small">{settings.data.stripeConfigured ? t('stripe') : t('noStripe')}</p>
        <Checkbox label={t('partial')} checked={partial} onChange={(e) => setPartial(e.target.checked)} />
        <Field label={t('reminders')} hint={t('remindersHint')} error={local ?? errors.fields.reminderDays}>
          <TextInput value={days} onChange={(e) => setDays(e.target.value)} inputMode="numeric" />
        </Field>
        {errors.message && <Alert>{errors.message}</Alert>}
        <div>
          <Button type="submit" loading={update.isPending}>
            {t('save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
