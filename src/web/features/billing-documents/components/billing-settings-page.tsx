import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Field, PageHeader, Select, Skeleton, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { useBillingSettings, useMe, useUpdateBillingSettings } from '../api/billing-settings.js';
import type { BillingSettings } from '../api/types.js';
import { percentToBp } from './document-draft.js';
import { t } from './messages.js';
import './billing-documents.css';

const ACTIONS = ['add_visit', 'new_job', 'nothing'] as const;
const FIELDS = ['paymentsEnabled', 'paymentProvider', 'defaultTaxRateBp', 'invoiceDueDays', 'approvedEstimateAction', 'pdfFooter', 'defaultTerms'];

/** Settings → Billing: admins change it, dispatchers read it. */
export function BillingSettingsPage() {
  const me = useMe();
  const settings = useBillingSettings();
  return (
    <div className="billing-settings">
      <PageHeader title={t('settingsTitle')} subtitle={t('settingsSubtitle')} />
      {settings.isError ? (
        <Alert>{t('settingsError', { message: settings.error.message })}</Alert>
      ) : settings.isPending || me.isPending ? (
        <Skeleton height={480} />
      ) : (
        <SettingsForm settings={settings.data} canEdit={me.data?.role === 'admin'} />
      )}
    </div>
  );
}

function SettingsForm({ settings, canEdit }: { settings: BillingSettings; canEdit: boolean }) {
  const toast = useToast();
  const update = useUpdateBillingSettings();
  const [values, setValues] = useState({
    paymentsEnabled: settings.paymentsEnabled,
    paymentProvider: settings.paymentProvider,
    taxRate: String(settings.defaultTaxRateBp / 100),
    invoiceDueDays: String(settings.invoiceDueDays),
    approvedEstimateAction: settings.approvedEstimateAction,
    pdfFooter: settings.pdfFooter,
    defaultTerms: settings.defaultTerms,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = formErrors(update.error, FIELDS);
  const errorOf = (field: string, label: string) => local[field] ?? fieldMessage(label, errors.fields[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const taxRate = percentToBp(values.taxRate);
    if (taxRate === null) problems.defaultTaxRateBp = `${t('defaultTaxRate')} ${t('invalidPercent')}`;
    const dueDays = Number(values.invoiceDueDays);
    if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 365) problems.invoiceDueDays = `${t('invoiceDueDays')} ${t('invalidNumber')}`;
    setLocal(problems);
    if (Object.keys(problems).length) return;
    update.mutate(
      {
        paymentsEnabled: values.paymentsEnabled,
        paymentProvider: values.paymentProvider,
        defaultTaxRateBp: taxRate!,
        invoiceDueDays: dueDays,
        approvedEstimateAction: values.approvedEstimateAction,
        pdfFooter: values.pdfFooter,
        defaultTerms: values.defaultTerms,
      },
      { onSuccess: () => toast.show(t('settingsSaved')) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Card as="section" className="stack">
        {!canEdit && <Alert tone="info">{t('settingsReadOnly')}</Alert>}
        {errors.message && <Alert>{errors.message}</Alert>}
        <p className="small muted">{t('currencyNote', { currency: settings.currency })}</p>
        <Checkbox label={t('paymentsEnabled')} checked={values.paymentsEnabled} disabled={!canEdit} onChange={(e) => setValues({ ...values, paymentsEnabled: e.target.checked })} />
        <p className="small muted">{t('paymentsEnabledHint')}</p>
        <Field label={t('paymentProvider')} error={errorOf('paymentProvider', t('paymentProvider'))}>
          <Select value={values.paymentProvider} disabled={!canEdit} onChange={(e) => setValues({ ...values, paymentProvider: e.target.value as BillingSettings['paymentProvider'] })}>
            <option value="offline">{t('provider_offline')}</option>
            <option value="stripe">{t('provider_stripe')}</option>
          </Select>
        </Field>
        <div className="billing-settings__grid">
          <Field label={t('defaultTaxRate')} hint={t('defaultTaxRateHint')} error={errorOf('defaultTaxRateBp', t('defaultTaxRate'))}>
            <TextInput inputMode="decimal" value={values.taxRate} disabled={!canEdit} onChange={(e) => setValues({ ...values, taxRate: e.target.value })} />
          </Field>
          <Field label={t('invoiceDueDays')} error={errorOf('invoiceDueDays', t('invoiceDueDays'))}>
            <TextInput inputMode="numeric" value={values.invoiceDueDays} disabled={!canEdit} onChange={(e) => setValues({ ...values, invoiceDueDays: e.target.value })} />
          </Field>
        </div>
        <fieldset className="billing-settings__radios">
          <legend>{t('approvedAction')}</legend>
          {ACTIONS.map((action) => (
            <label key={action} className="billing-settings__radio">
              <input type="radio" name="approvedEstimateAction" value={action} checked={values.approvedEstimateAction === action} disabled={!canEdit} onChange={() => setValues({ ...values, approvedEstimateAction: action })} />
              <span>{t(`action_${action}`)}</span>
            </label>
          ))}
        </fieldset>
        <Field label={t('defaultTerms')} hint={t('defaultTermsHint')} error={errorOf('defaultTerms', t('defaultTerms'))}>
          <TextArea value={values.defaultTerms} maxLength={5000} disabled={!canEdit} onChange={(e) => setValues({ ...values, defaultTerms: e.target.value })} />
        </Field>
        <Field label={t('pdfFooter')} hint={t('pdfFooterHint')} error={errorOf('pdfFooter', t('pdfFooter'))}>
          <TextArea value={values.pdfFooter} maxLength={1000} disabled={!canEdit} onChange={(e) => setValues({ ...values, pdfFooter: e.target.value })} />
        </Field>
        {canEdit && (
          <div>
            <Button type="submit" loading={update.isPending}>
              {t('saveSettings')}
            </Button>
          </div>
        )}
      </Card>
    </form>
  );
}
