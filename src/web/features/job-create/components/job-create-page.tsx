import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { Alert, Button, ButtonLink, Card, Checkbox, ComboBox, Field, PageHeader, Select, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import type { Priority } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatMinutes, zonedToIso } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { PRIORITY_LIST, priorityLabel } from '../../../lib/job-status.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useCreateJob } from '../api/create-job.js';
import { useCategories } from '../api/get-categories.js';
import { useCustomer, useCustomerSearch } from '../api/get-customers.js';
import './job-create.css';

const t = defineMessages({
  en: {
    title: 'New job',
    subtitle: 'For a customer who called or wrote in. The customer is notified once it is created.',
    customerSection: 'Customer',
    customer: 'Customer',
    customerPlaceholder: 'Search by name, contact or e-mail',
    noCustomers: 'No customer matches this search.',
    household: 'Household',
    organisation: 'Organisation',
    jobCount: '{count} jobs',
    change: 'Change customer',
    newCustomer: 'New customer',
    location: 'Service location',
    chooseLocation: 'Choose a location',
    noLocations: 'This customer has no service location yet. Add one on the customer’s page first.',
    jobSection: 'The job',
    category: 'Service category',
    chooseCategory: 'Choose a category',
    priority: 'Priority',
    sla: 'SLA: arrival within {time} of the request.',
    description: 'Description',
    descriptionHint: 'What is wrong, as the customer described it. The technician reads it too.',
    notifySection: 'Notifications',
    notifications: 'Send notifications for this job',
    contacts: 'Contacts to notify',
    noContacts: 'This customer has no contacts yet.',
    windowsSection: 'Preferred windows (optional)',
    windowsHint: 'When the customer would like the visit, in the company’s time zone.',
    windowDate: 'Day {number}',
    windowStart: 'From {number}',
    windowEnd: 'Until {number}',
    addWindow: 'Add a window',
    removeWindow: 'Remove window {number}',
    submit: 'Create job',
    cancel: 'Cancel',
    created: 'Job {reference} was created.',
    customerRequired: 'is required: search and pick a customer',
    required: 'is required',
  },
});

interface WindowDraft {
  date: string;
  start: string;
  end: string;
}

/** A dispatcher creates a job by hand: customer and place, category and priority (with its SLA), description, who is notified. */
export function JobCreatePage() {
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const toast = useToast();
  const [customerId, setCustomerId] = useState(params.get('customer') ?? '');
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim());
  const search = useCustomerSearch(settled);
  const customer = useCustomer(customerId);
  const categories = useCategories();
  const activeCategories = categories.data?.items.filter((c) => c.active) ?? [];

  const [locationId, setLocationId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [description, setDescription] = useState('');
  const [notificationsEnabled, setNotificationsEnabled] = useState(true);
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [windows, setWindows] = useState<WindowDraft[]>([]);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const create = useCreateJob();
  const errors = formErrors(create.error, ['customerId', 'locationId', 'categoryId', 'priority', 'description', 'contactIds', 'preferredWindows']);

  // A newly picked customer brings its first location and first contact as sensible defaults.
  useEffect(() => {
    if (!customer.data) return;
    setLocationId(customer.data.locations[0]?.id ?? '');
    setContactIds(customer.data.contacts.slice(0, 1).map((c) => c.id));
  }, [customer.data]);

  const category = activeCategories.find((c) => c.id === categoryId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nowMissing = { customerId: !customerId, locationId: !locationId, categoryId: !categoryId, description: !description.trim() };
    setMissing(nowMissing);
    if (Object.values(nowMissing).some(Boolean)) return;
    create.mutate(
      {
        customerId,
        locationId,
        categoryId,
        priority,
        description: description.trim(),
        contactIds,
        notificationsEnabled,
        preferredWindows: windows.filter((w) => w.date && w.start && w.end).map((w) => ({ start: zonedToIso(w.date, w.start), end: zonedToIso(w.date, w.end) })),
      },
      {
        onSuccess: (job) => {
          toast.show(t('created', { reference: job.reference }));
          navigate(`/console/jobs/${job.id}`);
        },
      },
    );
  };

  const error = (field: string, label: string) => (missing[field] ? fieldMessage(label, field === 'customerId' ? t('customerRequired') : t('required')) : fieldMessage(label, errors.fields[field]));

  return (
    <div className="job-create">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <form className="job-create__form" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}

        <Card as="section" aria-labelledby="job-create-customer" className="stack">
          <h2 id="job-create-customer">{t('customerSection')}</h2>
          {customerId && customer.data ? (
            <div className="job-create__picked">
              <div>
                <div className="job-create__picked-name">{customer.data.name}</div>
                <div className="small muted">{customer.data.kind === 'household' ? t('household') : t('organisation')}</div>
              </div>
              <Button variant="ghost" size="small" onClick={() => setCustomerId('')}>
                {t('change')}
              </Button>
            </div>
          ) : (
            <div className="job-create__customer-search">
              <Field label={t('customer')} error={error('customerId', t('customer'))}>
                <ComboBox
                  query={query}
                  onQueryChange={setQuery}
                  placeholder={t('customerPlaceholder')}
                  loading={search.isFetching}
                  emptyText={t('noCustomers')}
                  options={settled ? (search.data?.items ?? []).map((c) => ({ value: c.id, label: c.name, detail: `${c.kind === 'household' ? t('household') : t('organisation')} · ${t('jobCount', { count: c.jobCount })}` })) : []}
                  onSelect={(option) => {
                    setCustomerId(option.value);
                    setQuery('');
                  }}
                />
              </Field>
              <Link href="/console/customers?new=1" className="small">
                {t('newCustomer')}
              </Link>
            </div>
          )}
          {customer.data && (
            <Field label={t('location')} error={error('locationId', t('location'))}>
              {customer.data.locations.length === 0 ? (
                <p className="muted" id="job-create-no-location">
                  {t('noLocations')}
                </p>
              ) : (
                <Select value={locationId} onChange={(e) => setLocationId(e.target.value)}>
                  <option value="">{t('chooseLocation')}</option>
                  {customer.data.locations.map((l) => (
                    <option key={l.id} value={l.id}>
                      {[l.label, `${l.line1}${l.line2 ? `, ${l.line2}` : ''}, ${l.city} ${l.postalCode}`].filter(Boolean).join(' — ')}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
        </Card>

        <Card as="section" aria-labelledby="job-create-job" className="stack">
          <h2 id="job-create-job">{t('jobSection')}</h2>
          <div className="job-create__two">
            <Field label={t('category')} error={error('categoryId', t('category'))}>
              <Select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
                <option value="">{t('chooseCategory')}</option>
                {activeCategories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('priority')} hint={category ? t('sla', { time: formatMinutes(category.slaMinutes[priority]) }) : undefined} error={error('priority', t('priority'))}>
              <Select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
                {PRIORITY_LIST.map((p) => (
                  <option key={p} value={p}>
                    {category ? `${priorityLabel(p)} (${formatMinutes(category.slaMinutes[p])})` : priorityLabel(p)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label={t('description')} hint={t('descriptionHint')} error={error('description', t('description'))}>
            <TextArea maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </Card>

        <Card as="section" aria-labelledby="job-create-notify" className="stack">
          <h2 id="job-create-notify">{t('notifySection')}</h2>
          <Checkbox role="switch" label={t('notifications')} checked={notificationsEnabled} onChange={(e) => setNotificationsEnabled(e.target.checked)} />
          <fieldset className="job-create__fieldset" disabled={!notificationsEnabled}>
            <legend className="ui-field__label">{t('contacts')}</legend>
            {!customer.data || customer.data.contacts.length === 0 ? (
              <p className="small muted">{customer.data ? t('noContacts') : '—'}</p>
            ) : (
              customer.data.contacts.map((c) => (
                <Checkbox
                  key={c.id}
                  label={
                    <>
                      {c.name} <span className="muted small">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
                    </>
                  }
                  checked={contactIds.includes(c.id)}
                  onChange={(e) => setContactIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id)))}
                />
              ))
            )}
            {errors.fields.contactIds && <span className="ui-field__error">{fieldMessage(t('contacts'), errors.fields.contactIds)}</span>}
          </fieldset>
        </Card>

        <Card as="section" aria-labelledby="job-create-windows" className="stack">
          <div>
            <h2 id="job-create-windows">{t('windowsSection')}</h2>
            <p className="small muted">{t('windowsHint')}</p>
          </div>
          {windows.map((w, index) => {
            const number = index + 1;
            const set = (patch: Partial<WindowDraft>) => setWindows((all) => all.map((x, i) => (i === index ? { ...x, ...patch } : x)));
            return (
              <div key={index} className="job-create__window">
                <Field label={t('windowDate', { number })}>
                  <TextInput type="date" value={w.date} onChange={(e) => set({ date: e.target.value })} />
                </Field>
                <Field label={t('windowStart', { number })}>
                  <TextInput type="time" step={900} value={w.start} onChange={(e) => set({ start: e.target.value })} />
                </Field>
                <Field label={t('windowEnd', { number })}>
                  <TextInput type="time" step={900} value={w.end} onChange={(e) => set({ end: e.target.value })} />
                </Field>
                <Button variant="ghost" size="small" aria-label={t('removeWindow', { number })} onClick={() => setWindows((all) => all.filter((_, i) => i !== index))}>
                  ×
                </Button>
              </div>
            );
          })}
          {errors.fields.preferredWindows && <span className="ui-field__error">{errors.fields.preferredWindows}</span>}
          {windows.length < 5 && (
            <div>
              <Button variant="secondary" size="small" onClick={() => setWindows((all) => [...all, { date: '', start: '08:00', end: '12:00' }])}>
                {t('addWindow')}
              </Button>
            </div>
          )}
        </Card>

        <div className="job-create__submit">
          <Button type="submit" loading={create.isPending}>
            {t('submit')}
          </Button>
          <ButtonLink href="/console" variant="secondary">{t('cancel')}</ButtonLink>
        </div>
      </form>
    </div>
  );
}
