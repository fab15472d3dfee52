import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Field, TextInput, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { useCreateCustomer } from '../api/create-customer.js';
import { ContactFields, emptyContact, emptyLocation, LocationFields, toContactInput, toLocationInput } from './customer-fields.js';
import { t } from './messages.js';

const CONTACT_FIELDS = ['name', 'email', 'phone', 'role'].map((f) => `contacts[0].${f}`);
const LOCATION_FIELDS = ['label', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'accessNotes'].map((f) => `locations[0].${f}`);

/** A new customer with, optionally, its first contact and first service location: what a job needs. */
export function NewCustomerDialog({ onClose, onCreated }: { onClose(): void; onCreated(customerId: string): void }) {
  const toast = useToast();
  const [kind, setKind] = useState<'household' | 'organisation'>('household');
  const [name, setName] = useState('');
  const [contact, setContact] = useState(emptyContact());
  const [location, setLocation] = useState(emptyLocation());
  const [nameMissing, setNameMissing] = useState(false);
  const create = useCreateCustomer();
  const errors = formErrors(create.error, ['name', 'kind', ...CONTACT_FIELDS, ...LOCATION_FIELDS]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    const hasContact = Object.entries(contact).some(([key, value]) => key !== 'role' && value.trim());
    const hasLocation = Object.entries(location).some(([key, value]) => key !== 'country' && value.trim());
    create.mutate(
      {
        kind,
        name: name.trim(),
        ...(hasContact && { contacts: [{ ...toContactInput(contact), role: kind === 'household' ? 'admin' : contact.role }] }),
        ...(hasLocation && { locations: [toLocationInput(location)] }),
      },
      {
        onSuccess: (customer) => {
          toast.show(t('created', { name: customer.name }));
          onCreated(customer.id);
        },
      },
    );
  };

  return (
    <Dialog open title={t('createTitle')} onClose={onClose}>
      <form className="stack customers__dialog-form" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <fieldset className="customers__radios">
          <legend className="ui-field__label">{t('kind')}</legend>
          {(['household', 'organisation'] as const).map((value) => (
            <label key={value} className="ui-checkbox">
              <input type="radio" name="customer-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              <span>{t(value)}</span>
            </label>
          ))}
        </fieldset>
        <Field label={t('name')} hint={t('nameHint')} error={nameMissing && !name.trim() ? fieldMessage(t('name'), t('required')) : fieldMessage(t('name'), errors.fields.name)}>
          <TextInput autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <fieldset className="customers__group">
          <legend>{t('firstContact')}</legend>
          <p className="small muted">{t('optional')}</p>
          <ContactFields value={contact} onChange={setContact} errors={errors.fields} prefix="contacts[0]." showRole={kind === 'organisation'} />
        </fieldset>
        <fieldset className="customers__group">
          <legend>{t('firstLocation')}</legend>
          <p className="small muted">{t('optional')}</p>
          <LocationFields value={location} onChange={setLocation} errors={errors.fields} prefix="locations[0]." />
        </fieldset>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
