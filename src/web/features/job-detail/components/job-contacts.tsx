import { useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Field, Select, TextInput, useToast } from '../../../components/ui/index.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { formErrors } from '../../../lib/form-errors.js';
import { useAddJobContact } from '../api/add-job-contact.js';
import { useCreateJobLink } from '../api/create-job-link.js';
import { useCustomer } from '../api/get-customer.js';
import { useUpdateJob } from '../api/update-job.js';
import { t } from './messages.js';

/** Who hears about the job: the job's notification switch, each contact's notify flag, adding a contact, and a job link to hand out. */
export function JobContacts({ job }: { job: StaffJob }) {
  const toast = useToast();
  const update = useUpdateJob(job.id);
  const addContact = useAddJobContact(job.id);
  const customer = useCustomer(job.customer.id);
  const open = job.status !== 'completed' && job.status !== 'cancelled';
  const candidates = (customer.data?.contacts ?? []).filter((c) => !job.contacts.some((on) => on.id === c.id));
  const [newContactId, setNewContactId] = useState('');
  const [notifyNew, setNotifyNew] = useState(true);
  const [toggling, setToggling] = useState<string>();
  // Switches move at once and settle when the server answers (back, if it refused).
  const [notificationsOn, setNotificationsOn] = useState<boolean>();
  const [notifyOverride, setNotifyOverride] = useState<Record<string, boolean>>({});

  const add = (event: FormEvent) => {
    event.preventDefault();
    const contact = candidates.find((c) => c.id === newContactId);
    if (!contact) return;
    addContact.mutate(
      { contactId: contact.id, notify: notifyNew },
      {
        onSuccess: () => {
          toast.show(t('contactAdded', { name: contact.name }));
          setNewContactId('');
        },
        onError: (error) => toast.show(formErrors(error).message ?? error.message, 'error'),
      },
    );
  };

  const toggleNotify = (contactId: string, notify: boolean) => {
    setToggling(contactId);
    setNotifyOverride((all) => ({ ...all, [contactId]: notify }));
    addContact.mutate(
      { contactId, notify },
      {
        onSettled: () => {
          setToggling(undefined);
          setNotifyOverride(({ [contactId]: _settled, ...rest }) => rest);
        },
        onError: (error) => toast.show(error.message, 'error'),
      },
    );
  };

  const toggleNotifications = (on: boolean) => {
    setNotificationsOn(on);
    update.mutate(
      { notificationsEnabled: on },
      {
        onSuccess: (next) => toast.show(t(next.notificationsEnabled ? 'notificationsOn' : 'notificationsOff')),
        onError: (error) => toast.show(error.message, 'error'),
        onSettled: () => setNotificationsOn(undefined),
      },
    );
  };

  return (
    <Card as="section" aria-labelledby="job-contacts-title">
      <div className="ui-card__header">
        <h2 id="job-contacts-title" className="job-detail__card-title">
          {t('contacts')}
        </h2>
      </div>
      <div className="stack">
        <div className="job-detail__switch">
          <Checkbox
            role="switch"
            label={t('notifications')}
            checked={notificationsOn ?? job.notificationsEnabled}
            disabled={!open}
            aria-busy={update.isPending || undefined}
            onChange={(e) => toggleNotifications(e.target.checked)}
          />
          <p className="small muted">{t('notificationsHint')}</p>
        </div>

        {job.contacts.length === 0 ? (
          <p className="muted">{t('noContacts')}</p>
        ) : (
          <ul className="job-detail__contacts">
            {job.contacts.map((contact) => (
              <li key={contact.id}>
                <div>
                  <div className="job-detail__contact-name">{contact.name}</div>
                  <div className="small muted">{contact.role === 'admin' ? t('roleAdmin') : t('roleMember')}</div>
                  {contact.email && (
                    <div className="small">
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    </div>
                  )}
                  {contact.phone && (
                    <div className="small">
                      <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                    </div>
                  )}
                </div>
                <Checkbox
                  label={
                    <>
                      <span aria-hidden="true">{t('notify')}</span>
                      <span className="visually-hidden">{t('notifyContact', { name: contact.name })}</span>
                    </>
                  }
                  checked={notifyOverride[contact.id] ?? contact.notify}
                  disabled={!open || toggling === contact.id}
                  onChange={(e) => toggleNotify(contact.id, e.target.checked)}
                />
              </li>
            ))}
          </ul>
        )}

        {open && (
          <form className="stack-sm job-detail__subform" onSubmit={add}>
            <h3 className="job-detail__subtitle">{t('addContact')}</h3>
            {candidates.length === 0 && customer.data ? (
              <p className="small muted">{t('allContactsAdded')}</p>
            ) : (
              <>
                <Field label={t('contact')}>
                  <Select value={newContactId} onChange={(e) => setNewContactId(e.target.value)}>
                    <option value="">{t('chooseContact')}</option>
                    {candidates.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Checkbox label={t('notifyNew')} checked={notifyNew} onChange={(e) => setNotifyNew(e.target.checked)} />
                <div>
                  <Button type="submit" variant="secondary" size="small" disabled={!newContactId} loading={addContact.isPending && !toggling}>
                    {t('addContactSubmit')}
                  </Button>
                </div>
              </>
            )}
          </form>
        )}

        {open && job.contacts.length > 0 && <JobLink job={job} />}
      </div>
    </Card>
  );
}

function JobLink({ job }: { job: StaffJob }) {
  const toast = useToast();
  const [contactId, setContactId] = useState(job.contacts[0]?.id ?? '');
  const link = useCreateJobLink(job.id);

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast.show(t('copied'));
    } catch {
      // Without clipboard access the address stays selected in its box for a manual copy.
    }
  };

  return (
    <div className="stack-sm job-detail__subform">
      <h3 className="job-detail__subtitle">{t('jobLink')}</h3>
      <p className="small muted">{t('jobLinkHint')}</p>
      <div className="job-detail__link-row">
        <Field label={t('linkFor')}>
          <Select value={contactId} onChange={(e) => setContactId(e.target.value)}>
            {job.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button variant="secondary" size="small" loading={link.isPending} disabled={!contactId} onClick={() => link.mutate(contactId, { onError: (error) => toast.show(error.message, 'error') })}>
          {t('sendLink')}
        </Button>
      </div>
      {link.data && (
        <div className="job-detail__link-row">
          <Field label={t('linkUrl')}>
            <TextInput readOnly value={link.data.url} onFocus={(e) => e.target.select()} />
          </Field>
          <Button variant="ghost" size="small" onClick={() => void copy(link.data.url)}>
            {t('copy')}
          </Button>
        </div>
      )}
    </div>
  );
}
