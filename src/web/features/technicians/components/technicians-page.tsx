import { useState, type FormEvent } from 'react';
import { Alert, Avatar, Badge, Button, ButtonLink, Card, Dialog, EmptyState, Field, PageHeader, Skeleton, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import type { Technician } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatDay } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useApproveBio } from '../api/approve-bio.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useUpdateProfile } from '../api/update-profile.js';
import './technicians.css';

const t = defineMessages({
  en: {
    title: 'Technicians',
    subtitle: 'Skills decide who can take which job; a bio shows to customers only once approved.',
    pendingCount: '{count} bios wait for approval.',
    inactive: 'Inactive',
    phone: 'Phone',
    email: 'E-mail',
    noPhone: 'No phone',
    skills: 'Skills',
    noSkills: 'No skills listed',
    homeBase: 'Home base',
    noHomeBase: 'Not set',
    bio: 'Bio',
    bioNone: 'No bio',
    bioPending: 'Awaiting approval',
    bioApproved: 'Approved',
    bioApprovedAt: 'Approved {day}',
    approve: 'Approve bio',
    approved: 'The bio of {name} is approved: customers can now see it.',
    edit: 'Edit profile',
    schedule: 'Hours and time off',
    editTitle: 'Edit the profile of {name}',
    photoUrl: 'Photo URL',
    skillsHint: 'Separate skills with commas, e.g. hvac, gas-safe.',
    bioHint: 'A changed bio waits for approval again before customers see it.',
    homeAddress: 'Home base address',
    save: 'Save profile',
    close: 'Close',
    saved: 'The profile of {name} is saved.',
    empty: 'No technicians yet',
    emptyBody: 'An admin adds technicians as users; they appear here with their skills.',
    error: 'The technicians could not be loaded. {message}',
  },
});

/** The office's view of its technicians: skills, home base, and the bios waiting for approval. */
export function TechniciansPage() {
  const technicians = useTechnicians();
  const [editing, setEditing] = useState<Technician>();
  const pending = technicians.data?.items.filter((tech) => tech.bioStatus === 'pending').length ?? 0;

  return (
    <div className="technicians">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {pending > 0 && <Alert tone="info">{t('pendingCount', { count: pending })}</Alert>}
      {technicians.isError ? (
        <Alert>{t('error', { message: technicians.error.message })}</Alert>
      ) : technicians.isPending ? (
        <div className="technicians__grid">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={260} />
          ))}
        </div>
      ) : technicians.data.items.length === 0 ? (
        <Card>
          <EmptyState title={t('empty')}>{t('emptyBody')}</EmptyState>
        </Card>
      ) : (
        <div className="technicians__grid">
          {/* Bios waiting for approval come first: they are the work to do here. */}
          {[...technicians.data.items]
            .sort((a, b) => Number(b.bioStatus === 'pending') - Number(a.bioStatus === 'pending'))
            .map((tech) => (
              <TechnicianCard key={tech.id} technician={tech} onEdit={() => setEditing(tech)} />
            ))}
        </div>
      )}
      {editing && <EditProfileDialog technician={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}

function TechnicianCard({ technician, onEdit }: { technician: Technician; onEdit(): void }) {
  const toast = useToast();
  const approve = useApproveBio();
  const headingId = `tech-${technician.id}`;
  return (
    <Card as="article" aria-labelledby={headingId} className={technician.bioStatus === 'pending' ? 'technicians__card technicians__card--pending' : 'technicians__card'}>
      <div className="technicians__head">
        <Avatar name={technician.name} photoUrl={technician.photoUrl} size={56} />
        <div className="technicians__who">
          <h2 id={headingId}>{technician.name}</h2>
          <div className="small muted technicians__contact">
            <a href={`mailto:${technician.email}`}>{technician.email}</a>
            {technician.phone ? <a href={`tel:${technician.phone}`}>{technician.phone}</a> : <span>{t('noPhone')}</span>}
          </div>
        </div>
        {!technician.active && <Badge>{t('inactive')}</Badge>}
      </div>
      <dl className="technicians__facts">
        <dt>{t('skills')}</dt>
        <dd>
          {technician.skills.length === 0 ? (
            <span className="muted">{t('noSkills')}</span>
          ) : (
            <ul className="technicians__skills">
              {technician.skills.map((skill) => (
                <li key={skill}>{skill}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('homeBase')}</dt>
        <dd>{technician.homeBase.address ?? <span className="muted">{t('noHomeBase')}</span>}</dd>
        <dt>{t('bio')}</dt>
        <dd>
          <div className="technicians__bio-state">
            {technician.bioStatus === 'pending' ? (
              <Badge tone="warning">{t('bioPending')}</Badge>
            ) : technician.bioStatus === 'approved' ? (
              <Badge tone="success">{technician.bioReviewedAt ? t('bioApprovedAt', { day: formatDay(technician.bioReviewedAt) }) : t('bioApproved')}</Badge>
            ) : (
              <span className="muted">{t('bioNone')}</span>
            )}
          </div>
          {technician.bio && <p className="technicians__bio">{technician.bio}</p>}
        </dd>
      </dl>
      <div className="technicians__actions">
        {technician.bioStatus === 'pending' && (
          <Button
            size="small"
            loading={approve.isPending}
            onClick={() =>
              approve.mutate(technician.id, { onSuccess: () => toast.show(t('approved', { name: technician.name })), onError: (error) => toast.show(error.message, 'error') })
            }
          >
            {t('approve')}
          </Button>
        )}
        <Button size="small" variant="secondary" onClick={onEdit}>
          {t('edit')}
        </Button>
        <ButtonLink size="small" variant="secondary" href={`/console/technicians/${technician.id}`}>
          {t('schedule')}
        </ButtonLink>
      </div>
    </Card>
  );
}

function EditProfileDialog({ technician, onClose }: { technician: Technician; onClose(): void }) {
  const toast = useToast();
  const [phone, setPhone] = useState(technician.phone ?? '');
  const [photoUrl, setPhotoUrl] = useState(technician.photoUrl ?? '');
  const [skills, setSkills] = useState(technician.skills.join(', '));
  const [address, setAddress] = useState(technician.homeBase.address ?? '');
  const [bio, setBio] = useState(technician.bio ?? '');
  const update = useUpdateProfile();
  const errors = formErrors(update.error, ['phone', 'photoUrl', 'skills', 'homeBase.address', 'bio']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        userId: technician.id,
        phone: phone.trim() || null,
        photoUrl: photoUrl.trim() || null,
        skills: skills.split(',').map((s) => s.trim()).filter(Boolean),
        // The address changes; the coordinates stay until someone geocodes the new one.
        homeBase: { address: address.trim() || null, lat: technician.homeBase.lat, lng: technician.homeBase.lng },
        bio: bio.trim() || null,
      },
      {
        onSuccess: () => {
          toast.show(t('saved', { name: technician.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open title={t('editTitle', { name: technician.name })} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <Field label={t('phone')} error={fieldMessage(t('phone'), errors.fields.phone)}>
          <TextInput type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field label={t('photoUrl')} error={fieldMessage(t('photoUrl'), errors.fields.photoUrl)}>
          <TextInput type="url" value={photoUrl} onChange={(e) => setPhotoUrl(e.target.value)} />
        </Field>
        <Field label={t('skills')} hint={t('skillsHint')} error={fieldMessage(t('skills'), errors.fields.skills)}>
          <TextInput value={skills} onChange={(e) => setSkills(e.target.value)} />
        </Field>
        <Field label={t('homeAddress')} error={fieldMessage(t('homeAddress'), errors.fields['homeBase.address'])}>
          <TextInput value={address} onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <Field label={t('bio')} hint={t('bioHint')} error={fieldMessage(t('bio'), errors.fields.bio)}>
          <TextArea maxLength={1000} value={bio} onChange={(e) => setBio(e.target.value)} />
        </Field>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
