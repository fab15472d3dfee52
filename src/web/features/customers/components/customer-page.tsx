import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, CardHeader, Dialog, EmptyState, Skeleton, useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { CustomerDetail } from '../../../lib/api-types.js';
import { formErrors } from '../../../lib/form-errors.js';
import { formatDay, formatWindow } from '../../../lib/format.js';
import { statusLabel, statusTone } from '../../../lib/job-status.js';
import { useAddContact } from '../api/add-contact.js';
import { useAddLocation } from '../api/add-location.js';
import { useCustomer } from '../api/get-customer.js';
import { useCustomerJobs } from '../api/get-customer-jobs.js';
import { ContactFields, emptyContact, emptyLocation, LocationFields, toContactInput, toLocationInput } from './customer-fields.js';
import { t } from './messages.js';
import { PreferredTechnicianCard } from './preferred-technician-card.js';
import './customers.css';

/** One customer: contacts, service locations and jobs, with a quick way to add each. */
export function CustomerPage() {
  const { customerId } = useParams<{ customerId: string }>();
  const customer = useCustomer(customerId);
  const [dialog, setDialog] = useState<'contact' | 'location'>();

  if (customer.isPending) {
    return (
      <div className="customers" aria-busy="true">
        <Skeleton width={100} height={16} />
        <Skeleton width={280} height={34} />
        <div className="customers__detail-grid">
          <Skeleton height={220} />
          <Skeleton height={220} />
        </div>
        <Skeleton height={260} />
      </div>
    );
  }
  if (customer.isError) {
    return (
      <div className="stack">
        <Link href="/console/customers" className="customers__back">{t('back')}</Link>
        {customer.error instanceof ApiError && customer.error.status === 404 ? <EmptyState title={t('notFound')} /> : <Alert>{customer.error.message}</Alert>}
      </div>
    );
  }
  const data = customer.data;

  return (
    <div className="customers">
      <nav className="small" aria-label="Breadcrumb">
        <Link href="/console/customers" className="customers__back">{t('back')}</Link>
      </nav>
      <div className="ui-page-header">
        <div>
          <h1>{data.name}</h1>
          <div className="row customers__meta">
            <Badge tone={data.kind === 'organisation' ? 'info' : 'neutral'}>{t(data.kind)}</Badge>
            <span className="small muted">{t('since', { day: formatDay(data.createdAt) })}</span>
          </div>
        </div>
        <ButtonLink href={`/console/jobs/new?customer=${data.id}`}>{t('newJob')}</ButtonLink>
      </div>

      <div className="customers__detail-grid">
        <Card as="section" aria-labelledby="customer-contacts">
          <CardHeader
            title={<span id="customer-contacts">{t('contacts')}</span>}
            actions={
              <Button variant="secondary" size="small" onClick={() => setDialog('contact')}>
                {t('addContact')}
              </Button>
            }
          />
          {data.contacts.length === 0 ? (
            <p className="muted">{t('noContacts')}</p>
          ) : (
            <ul className="customers__list">
              {data.contacts.map((c) => (
                <li key={c.id}>
                  <div className="row-between">
                    <strong>{c.name}</strong>
                    <Badge tone={c.role === 'admin' ? 'info' : 'neutral'}>{c.role === 'admin' ? t('roleAdmin') : t('roleMember')}</Badge>
                  </div>
                  <div className="small customers__contact-lines">
                    {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
                    {c.phone && <a href={`tel:${c.phone}`}>{c.phone}</a>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card as="section" aria-labelledby="customer-locations">
          <CardHeader
            title={<span id="customer-locations">{t('locations')}</span>}
            actions={
              <Button variant="secondary" size="small" onClick={() => setDialog('location')}>
                {t('addLocation')}
              </Button>
            }
          />
          {data.locations.length === 0 ? (
            <p className="muted">{t('noLocations')}</p>
          ) : (
            <ul className="customers__list">
              {data.locations.map((l) => (
                <li key={l.id}>
                  {l.label && <strong>{l.label}</strong>}
                  <div>{[l.line1, l.line2].filter(Boolean).join(', ')}</div>
                  <div>
                    {l.city} {l.region ?? ''} {l.postalCode}
                  </div>
                  {l.accessNotes && <div className="small muted">{l.accessNotes}</div>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <CustomerJobs customer={data} />
      <PreferredTechnicianCard customerId={data.id} />

      {dialog === 'contact' && <AddContactDialog customer={data} onClose={() => setDialog(undefined)} />}
      {dialog === 'location' && <AddLocationDialog customer={data} onClose={() => setDialog(undefined)} />}
    </div>
  );
}

function CustomerJobs({ customer }: { customer: CustomerDetail }) {
  const jobs = useCustomerJobs(customer.id);
  return (
    <Card as="section" aria-labelledby="customer-jobs">
      <CardHeader title={<span id="customer-jobs">{t('jobs')}</span>} actions={<Link href={`/console?customer=${customer.id}`} className="small">{t('allJobs')}</Link>} />
      {jobs.isPending ? (
        <div className="stack-sm">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} height={40} />
          ))}
        </div>
      ) : jobs.isError ? (
        <Alert>{jobs.error.message}</Alert>
      ) : jobs.data.items.length === 0 ? (
        <p className="muted">{t('noJobs')}</p>
      ) : (
        <div className="customers__table-scroll">
          <table className="ui-table">
            <thead>
              <tr>
                <th scope="col">{t('colReference')}</th>
                <th scope="col">{t('colCategory')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colAppointment')}</th>
                <th scope="col">{t('colCreated')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((job) => (
                <tr key={job.id}>
                  <td>
                    <Link href={`/console/jobs/${job.id}`} className="customers__name">
                      {job.reference}
                    </Link>
                    <div className="small muted">{job.address}</div>
                  </td>
                  <td>{job.category.name}</td>
                  <td>
                    <Badge tone={statusTone(job.status)}>{statusLabel(job.status)}</Badge>
                  </td>
                  <td>{job.appointment ? formatWindow(job.appointment.windowStart, job.appointment.windowEnd) : <span className="muted">{t('notScheduled')}</span>}</td>
                  <td>{formatDay(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function AddContactDialog({ customer, onClose }: { customer: CustomerDetail; onClose(): void }) {
  const toast = useToast();
  const [contact, setContact] = useState(emptyContact());
  const add = useAddContact();
  const errors = formErrors(add.error, ['name', 'email', 'phone', 'role']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { customerId: customer.id, ...toContactInput(contact) },
      {
        onSuccess: (created) => {
          toast.show(t('contactAdded', { name: created.name }));
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open title={t('addContactTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <ContactFields value={contact} onChange={setContact} errors={errors.fields} showRole={customer.kind === 'organisation'} />
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('addContact')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function AddLocationDialog({ customer, onClose }: { customer: CustomerDetail; onClose(): void }) {
  const toast = useToast();
  const [location, setLocation] = useState(emptyLocation());
  const add = useAddLocation();
  const errors = formErrors(add.error, ['label', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'accessNotes']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { customerId: customer.id, ...toLocationInput(location) },
      {
        onSuccess: () => {
          toast.show(t('locationAdded'));
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open title={t('addLocationTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <LocationFields value={location} onChange={setLocation} errors={errors.fields} />
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('addLocation')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
