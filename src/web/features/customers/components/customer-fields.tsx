import { Field, Select, TextArea, TextInput } from '../../../components/ui/index.js';
import { fieldMessage } from '../../../lib/form-errors.js';
import type { ContactInput, LocationInput } from '../api/create-customer.js';
import { t } from './messages.js';

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
  role: 'admin' | 'member';
}

export interface LocationDraft {
  label: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  accessNotes: string;
}

export const emptyContact = (): ContactDraft => ({ name: '', email: '', phone: '', role: 'member' });
export const emptyLocation = (): LocationDraft => ({ label: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US', accessNotes: '' });

const orNull = (value: string) => value.trim() || null;

export const toContactInput = (c: ContactDraft): ContactInput => ({ name: c.name.trim(), email: orNull(c.email), phone: orNull(c.phone), role: c.role });
export const toLocationInput = (l: LocationDraft): LocationInput => ({
  label: orNull(l.label),
  line1: l.line1.trim(),
  line2: orNull(l.line2),
  city: l.city.trim(),
  region: orNull(l.region),
  postalCode: l.postalCode.trim(),
  country: l.country.trim().toUpperCase(),
  accessNotes: orNull(l.accessNotes),
});

/** The fields of a contact person; `errors` are keyed by the API's field names under `prefix`. */
export function ContactFields({ value, onChange, errors, prefix = '', showRole }: { value: ContactDraft; onChange(value: ContactDraft): void; errors: Record<string, string>; prefix?: string; showRole: boolean }) {
  const set = (patch: Partial<ContactDraft>) => onChange({ ...value, ...patch });
  return (
    <div className="customers__fields">
      <Field label={t('contactName')} error={fieldMessage(t('contactName'), errors[`${prefix}name`])}>
        <TextInput autoComplete="off" value={value.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label={t('email')} error={fieldMessage(t('email'), errors[`${prefix}email`])}>
        <TextInput type="email" autoComplete="off" value={value.email} onChange={(e) => set({ email: e.target.value })} />
      </Field>
      <Field label={t('phone')} error={fieldMessage(t('phone'), errors[`${prefix}phone`])}>
        <TextInput type="tel" autoComplete="off" value={value.phone} onChange={(e) => set({ phone: e.target.value })} />
      </Field>
      {showRole && (
        <Field label={t('role')} error={fieldMessage(t('role'), errors[`${prefix}role`])}>
          <Select value={value.role} onChange={(e) => set({ role: e.target.value as ContactDraft['role'] })}>
            <option value="member">{t('roleMember')}</option>
            <option value="admin">{t('roleAdmin')}</option>
          </Select>
        </Field>
      )}
    </div>
  );
}

/** The fields of a service address. */
export function LocationFields({ value, onChange, errors, prefix = '' }: { value: LocationDraft; onChange(value: LocationDraft): void; errors: Record<string, string>; prefix?: string }) {
  const set = (patch: Partial<LocationDraft>) => onChange({ ...value, ...patch });
  const error = (field: keyof LocationDraft, label: string) => fieldMessage(label, errors[`${prefix}${field}`]);
  return (
    <div className="customers__fields">
      <Field label={t('label')} hint={t('labelHint')} error={error('label', t('label'))}>
        <TextInput value={value.label} onChange={(e) => set({ label: e.target.value })} />
      </Field>
      <Field label={t('line1')} error={error('line1', t('line1'))}>
        <TextInput autoComplete="off" value={value.line1} onChange={(e) => set({ line1: e.target.value })} />
      </Field>
      <Field label={t('line2')} error={error('line2', t('line2'))}>
        <TextInput autoComplete="off" value={value.line2} onChange={(e) => set({ line2: e.target.value })} />
      </Field>
      <Field label={t('city')} error={error('city', t('city'))}>
        <TextInput autoComplete="off" value={value.city} onChange={(e) => set({ city: e.target.value })} />
      </Field>
      <Field label={t('region')} error={error('region', t('region'))}>
        <TextInput autoComplete="off" value={value.region} onChange={(e) => set({ region: e.target.value })} />
      </Field>
      <Field label={t('postalCode')} error={error('postalCode', t('postalCode'))}>
        <TextInput autoComplete="off" value={value.postalCode} onChange={(e) => set({ postalCode: e.target.value })} />
      </Field>
      <Field label={t('country')} hint={t('countryHint')} error={error('country', t('country'))}>
        <TextInput autoComplete="off" maxLength={2} value={value.country} onChange={(e) => set({ country: e.target.value.toUpperCase() })} />
      </Field>
      <div className="customers__wide">
        <Field label={t('accessNotes')} hint={t('accessHint')} error={error('accessNotes', t('accessNotes'))}>
          <TextArea maxLength={1000} value={value.accessNotes} onChange={(e) => set({ accessNotes: e.target.value })} />
        </Field>
      </div>
    </div>
  );
}
