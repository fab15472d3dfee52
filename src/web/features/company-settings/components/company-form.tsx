import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Field, Select, TextInput, useToast } from '../../../components/ui/index.js';
import type { Company } from '../../../lib/api-types.js';
import { brandPalette } from '../../../lib/brand-palette.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useUpdateCompany } from '../api/update-company.js';

const t = defineMessages({
  en: {
    company: 'Company',
    name: 'Company name',
    phone: 'Phone',
    phoneHint: 'Customers see it on their job page to call you.',
    email: 'E-mail',
    logoUrl: 'Logo URL',
    logoHint: 'An image address (https://…). A wide logo about 28 px tall reads best.',
    logoPreview: 'Logo preview',
    noLogo: 'No logo: the company name shows instead.',
    brandColor: 'Brand colour',
    brandHex: 'Brand colour as hex',
    brandHint: 'Buttons, links and the portal header use it; darker shades are derived where text must stay readable.',
    preview: 'Preview',
    previewButton: 'Book a visit',
    previewLink: 'View your job',
    timezone: 'Time zone',
    timezoneHint: 'Appointment windows and dates are shown in it.',
    locale: 'Language',
    currency: 'Currency',
    save: 'Save settings',
    saved: 'The settings are saved.',
    invalidHex: 'must be a colour like #0f62fe',
  },
});

const LANGUAGES: Record<string, string> = { en: 'English', 'en-GB': 'English (UK)', es: 'Español', 'es-MX': 'Español (México)', fr: 'Français', de: 'Deutsch', pt: 'Português', 'pt-BR': 'Português (Brasil)', it: 'Italiano', nl: 'Nederlands' };
const CURRENCIES = ['USD', 'CAD', 'EUR', 'GBP', 'AUD', 'MXN', 'BRL', 'CHF', 'SEK', 'NZD'];

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Name, contact details, logo, colour, time zone, language and currency, with a live preview of the brand. */
export function CompanyForm({ company }: { company: Company }) {
  const toast = useToast();
  const [name, setName] = useState(company.name);
  const [phone, setPhone] = useState(company.phone ?? '');
  const [email, setEmail] = useState(company.email ?? '');
  const [logoUrl, setLogoUrl] = useState(company.logoUrl ?? '');
  const [color, setColor] = useState(company.brandColor);
  const [timezone, setTimezone] = useState(company.timezone);
  const [locale, setLocale] = useState(company.locale);
  const [currency, setCurrency] = useState(company.currency);
  const [logoBroken, setLogoBroken] = useState(false);
  const update = useUpdateCompany();
  const errors = formErrors(update.error, ['name', 'phone', 'email', 'logoUrl', 'brandColor', 'timezone', 'locale', 'currency']);
  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return all.includes(company.timezone) ? all : [company.timezone, ...all];
  }, [company.timezone]);

  const validColor = HEX.test(color);
  const previewBrand = validColor ? color : company.brandColor;
  const palette = brandPalette(previewBrand);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!validColor) return;
    update.mutate(
      { name: name.trim(), phone: phone.trim() || null, email: email.trim() || null, logoUrl: logoUrl.trim() || null, brandColor: color.toLowerCase(), timezone, locale, currency },
      { onSuccess: () => toast.show(t('saved')) },
    );
  };

  return (
    <Card as="section" aria-labelledby="settings-company">
      <CardHeader title={<span id="settings-company">{t('company')}</span>} />
      <form className="settings__company" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <div className="settings__grid">
          <Field label={t('name')} error={fieldMessage(t('name'), errors.fields.name)}>
            <TextInput required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('phone')} hint={t('phoneHint')} error={fieldMessage(t('phone'), errors.fields.phone)}>
            <TextInput type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </Field>
          <Field label={t('email')} error={fieldMessage(t('email'), errors.fields.email)}>
            <TextInput type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label={t('timezone')} hint={t('timezoneHint')} error={fieldMessage(t('timezone'), errors.fields.timezone)}>
            <Select value={timezone} onChange={(e) => setTimezone(e.target.value)}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('locale')} error={fieldMessage(t('locale'), errors.fields.locale)}>
            <Select value={locale} onChange={(e) => setLocale(e.target.value)}>
              {(LANGUAGES[locale] ? Object.keys(LANGUAGES) : [locale, ...Object.keys(LANGUAGES)]).map((code) => (
                <option key={code} value={code}>
                  {LANGUAGES[code] ?? code}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('currency')} error={fieldMessage(t('currency'), errors.fields.currency)}>
            <Select value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {(CURRENCIES.includes(currency) ? CURRENCIES : [currency, ...CURRENCIES]).map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          </Field>
        </div>

        <div className="settings__brand">
          <div className="stack">
            <Field label={t('logoUrl')} hint={t('logoHint')} error={fieldMessage(t('logoUrl'), errors.fields.logoUrl)}>
              <TextInput
                type="url"
                maxLength={500}
                value={logoUrl}
                onChange={(e) => {
                  setLogoUrl(e.target.value);
                  setLogoBroken(false);
                }}
              />
            </Field>
            <div className="settings__color-row">
              <Field label={t('brandColor')}>
                <input className="settings__swatch" type="color" value={validColor ? color.toLowerCase() : company.brandColor} onChange={(e) => setColor(e.target.value)} />
              </Field>
              <Field label={t('brandHex')} hint={t('brandHint')} error={!validColor ? fieldMessage(t('brandColor'), t('invalidHex')) : fieldMessage(t('brandColor'), errors.fields.brandColor)}>
                <TextInput value={color} maxLength={7} onChange={(e) => setColor(e.target.value.trim())} />
              </Field>
            </div>
          </div>

          <figure className="settings__preview" aria-labelledby="settings-preview-caption">
            <figcaption id="settings-preview-caption" className="ui-field__label">
              {t('preview')}
            </figcaption>
            <div className="settings__preview-frame">
              <div className="settings__preview-header" style={{ background: palette.brand, color: palette.onBrand }}>
                {logoUrl && !logoBroken ? <img src={logoUrl} alt={t('logoPreview')} height={28} onError={() => setLogoBroken(true)} /> : null}
                <span>{name || company.name}</span>
              </div>
              <div className="settings__preview-body">
                {!logoUrl && <p className="small muted">{t('noLogo')}</p>}
                <span className="settings__preview-button" style={{ background: palette.brand, color: palette.onBrand }}>
                  {t('previewButton')}
                </span>
                <span className="settings__preview-link" style={{ color: palette.ink }}>
                  {t('previewLink')}
                </span>
              </div>
            </div>
          </figure>
        </div>

        <div>
          <Button type="submit" loading={update.isPending} disabled={!validColor}>
            {t('save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
