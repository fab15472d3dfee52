import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { Alert, Avatar, Button, Card, CardHeader, Checkbox, EmptyState, PageHeader, Skeleton, useToast } from '../../../components/ui/index.js';
import { formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useTerritories, type Territory } from '../api/get-territories.js';
import { useSetTechnicianTerritories } from '../api/set-technician-territories.js';
import { TimeOffSection } from './time-off-section.js';
import { WorkingHoursSection } from './working-hours-section.js';
import './technicians.css';

const t = defineMessages({
  en: {
    back: '← All technicians',
    subtitle: 'Working hours, time off and territories decide when and where customers can book {name}.',
    skills: 'Skills: {skills}',
    noSkills: 'No skills listed',
    notFound: 'No such technician',
    error: 'The technician could not be loaded. {message}',
    territoriesTitle: 'Territories served',
    territoriesLegend: 'Territories {name} serves',
    territoriesHint: 'With none ticked, {name} serves every address.',
    zone: 'drawn zone',
    noTerritories: 'No territories yet',
    noTerritoriesBody: 'An admin defines them under Booking and territories; until then every technician serves every address.',
    openBookingSettings: 'Open Booking and territories',
    saveTerritories: 'Save territories',
    territoriesSaved: 'The territories of {name} are saved.',
    territoriesError: 'The territories could not be loaded. {message}',
  },
});

/** One technician's schedule: working week, time off and the territories they serve. */
export function TechnicianDetailPage() {
  const { userId } = useParams<{ userId: string }>();
  const technicians = useTechnicians();
  const technician = technicians.data?.items.find((tech) => tech.id === userId);

  return (
    <div className="technician-detail">
      <nav className="small" aria-label="Breadcrumb">
        <Link href="/console/technicians" className="technician-detail__back">
          {t('back')}
        </Link>
      </nav>
      {technicians.isError ? (
        <Alert>{t('error', { message: technicians.error.message })}</Alert>
      ) : technicians.isPending ? (
        <Skeleton height={480} />
      ) : !technician ? (
        <EmptyState title={t('notFound')} />
      ) : (
        <>
          <div className="technician-detail__header">
            <Avatar name={technician.name} photoUrl={technician.photoUrl} size={56} />
            <PageHeader title={technician.name} subtitle={t('subtitle', { name: technician.name })} />
          </div>
          <p className="small">{technician.skills.length > 0 ? t('skills', { skills: technician.skills.join(', ') }) : t('noSkills')}</p>
          <div className="technician-detail__grid">
            <WorkingHoursSection userId={technician.id} name={technician.name} />
            <div className="technician-detail__side">
              <TimeOffSection userId={technician.id} name={technician.name} />
              <TerritoriesServed userId={technician.id} name={technician.name} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function TerritoriesServed({ userId, name }: { userId: string; name: string }) {
  const territories = useTerritories();
  return (
    <Card as="section" aria-labelledby="territories-served-title">
      <CardHeader title={<span id="territories-served-title">{t('territoriesTitle')}</span>} />
      {territories.isError ? (
        <Alert>{t('territoriesError', { message: territories.error.message })}</Alert>
      ) : territories.isPending ? (
        <Skeleton height={96} />
      ) : territories.data.items.length === 0 ? (
        <EmptyState title={t('noTerritories')}>
          {t('noTerritoriesBody')} <Link href="/console/settings/booking">{t('openBookingSettings')}</Link>
        </EmptyState>
      ) : (
        <TerritoriesForm userId={userId} name={name} territories={territories.data.items} />
      )}
    </Card>
  );
}

function TerritoriesForm({ userId, name, territories }: { userId: string; name: string; territories: Territory[] }) {
  const toast = useToast();
  const save = useSetTechnicianTerritories(userId);
  const [selected, setSelected] = useState(() => new Set(territories.filter((territory) => territory.technicianIds.includes(userId)).map((territory) => territory.id)));
  const errors = formErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate([...selected], { onSuccess: () => toast.show(t('territoriesSaved', { name })) });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {errors.message && <Alert>{errors.message}</Alert>}
      <fieldset className="technician-detail__territories" aria-describedby="territories-served-hint">
        <legend className="visually-hidden">{t('territoriesLegend', { name })}</legend>
        <p id="territories-served-hint" className="small muted">
          {t('territoriesHint', { name })}
        </p>
        {territories.map((territory) => (
          <div key={territory.id} className="technician-detail__territory">
            <Checkbox
              label={territory.name}
              checked={selected.has(territory.id)}
              aria-describedby={`territory-codes-${territory.id}`}
              onChange={(e) =>
                setSelected((current) => {
                  const next = new Set(current);
                  if (e.target.checked) next.add(territory.id);
                  else next.delete(territory.id);
                  return next;
                })
              }
            />
            <span id={`territory-codes-${territory.id}`} className="small muted">
              {[...territory.postalCodes, ...(territory.polygon ? [t('zone')] : [])].join(', ')}
            </span>
          </div>
        ))}
      </fieldset>
      <div>
        <Button type="submit" variant="secondary" loading={save.isPending}>
          {t('saveTerritories')}
        </Button>
      </div>
    </form>
  );
}
