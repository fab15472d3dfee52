import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, CardHeader, Checkbox, Dialog, EmptyState, Field, PageHeader, Select, Spinner, TextInput } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { dateKey, formatDay, formatMinutes, formatTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useApplyRoutePlan, type ApplyRoutePlanResult } from '../api/apply-route-plan.js';
import { usePreviewRoutePlan, type PlannedStop, type PlannedTechnician, type RoutePlan } from '../api/preview-route-plan.js';
import './route-optimisation.css';

const t = defineMessages({
  en: {
    title: 'Optimise day',
    subtitle: 'Plan each technician’s route for a day: as few technicians as possible, then as little driving as possible. Nothing changes until you apply the plan.',
    back: 'Back to jobs',
    date: 'Day',
    timeLimit: 'Search time',
    seconds: '{count} seconds',
    allowWindowChanges: 'Allow moving visits to another arrival window that day',
    allowWindowChangesHint: 'Off: every customer keeps the window they were promised. On: visits may move to another window of the same day, and those customers are told.',
    run: 'Optimise',
    running: 'Optimising the routes for {day}… this takes up to {seconds} seconds.',
    runError: 'The routes could not be optimised. {message}',
    techniciansUsed: 'Technicians used',
    travelTime: 'Driving time',
    distance: 'Distance',
    saving: 'Driving saved',
    beforeAfter: '{before} → {after}',
    km: '{value} km',
    percent: '{value} %',
    before: 'As booked',
    after: 'Optimised',
    noStops: 'No visits.',
    routeTotals: '{time} driving, {distance}',
    arrival: 'Arrives {time}',
    window: 'window {window}',
    fixed: 'Under way',
    late: 'Late',
    changed: 'Changes',
    changesTitle: 'Customers who will be told',
    changesTitleApplied: 'Customers who were told',
    changesHint: 'These visits change technician or arrival window; their customers get a message when you apply the plan.',
    changesHintApplied: 'These visits changed technician or arrival window; their customers were sent a message.',
    noChanges: 'The day is already as good as the optimiser can make it: nothing would change.',
    colJob: 'Job',
    colCustomer: 'Customer',
    colTechnician: 'Technician',
    colWindow: 'Window',
    unassignedTechnician: 'Unassigned',
    same: 'unchanged',
    unplacedTitle: 'Visits left as they are',
    apply: 'Apply plan',
    confirmTitle: 'Apply this plan?',
    confirmBody: '{count} visits change technician or window, and their customers will be notified. Technicians see their new routes straight away.',
    confirmBodyOne: '1 visit changes technician or window, and its customer will be notified. The technician sees the new route straight away.',
    confirm: 'Apply and notify',
    cancel: 'Cancel',
    applied: 'The plan is applied: {count} visits changed and their customers were notified.',
    appliedNone: 'The plan is applied.',
    outOfDate: 'The day changed since this plan was made (a visit was booked, moved or started). Optimise again to get a plan for the day as it is now.',
    runAgain: 'Optimise again',
    applyError: 'The plan could not be applied. {message}',
    emptyTitle: 'Choose a day and optimise',
    emptyBody: 'You will see each technician’s route as booked and as optimised, side by side, before anything changes.',
  },
});

const TIME_LIMITS = [5, 10, 20];

const todayKey = () => dateKey(new Date());

/** "Optimise day": run the route optimiser on a day, compare before and after, apply on confirmation. */
export function RouteOptimisationPage() {
  const [date, setDate] = useState(() => new URLSearchParams(window.location.search).get('date') ?? todayKey());
  const [timeLimit, setTimeLimit] = useState(5);
  const [allowWindowChanges, setAllowWindowChanges] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState<ApplyRoutePlanResult | null>(null);
  const preview = usePreviewRoutePlan();
  const apply = useApplyRoutePlan();
  const errors = formErrors(preview.error, ['date', 'timeLimitSeconds', 'allowWindowChanges']);
  const plan = preview.data;

  const run = (event?: FormEvent) => {
    event?.preventDefault();
    setApplied(null);
    apply.reset();
    preview.mutate({ date, timeLimitSeconds: timeLimit, allowWindowChanges });
  };
  const confirm = () => {
    if (!plan) return;
    apply.mutate(
      { date: plan.date, planId: plan.planId },
      {
        onSuccess: (result) => setApplied(result),
        onSettled: () => setConfirming(false),
      },
    );
  };
  const outOfDate = apply.error instanceof ApiError && apply.error.code === 'PLAN_OUT_OF_DATE';

  return (
    <div className="route-optimisation">
      <PageHeader title={t('title')} subtitle={t('subtitle')} actions={<ButtonLink href="/console" variant="secondary">{t('back')}</ButtonLink>} />
      <Card as="section" aria-label={t('title')}>
        <form className="route-optimisation__form" onSubmit={run} noValidate>
          <Field label={t('date')} error={fieldMessage(t('date'), errors.fields.date)}>
            <TextInput type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
          </Field>
          <Field label={t('timeLimit')}>
            <Select value={timeLimit} onChange={(e) => setTimeLimit(Number(e.target.value))}>
              {TIME_LIMITS.map((s) => (
                <option key={s} value={s}>
                  {t('seconds', { count: s })}
                </option>
              ))}
            </Select>
          </Field>
          <div>
            <Button type="submit" loading={preview.isPending} disabled={!date}>
              {t('run')}
            </Button>
          </div>
          <div className="route-optimisation__check">
            <Checkbox label={t('allowWindowChanges')} checked={allowWindowChanges} onChange={(e) => setAllowWindowChanges(e.target.checked)} aria-describedby="route-optimisation-window-hint" />
            <p id="route-optimisation-window-hint" className="small muted">
              {t('allowWindowChangesHint')}
            </p>
          </div>
        </form>
      </Card>

      {preview.isPending && (
        <div className="route-optimisation__running">
          <Spinner label={t('running', { day: formatDay(`${date}T12:00:00Z`), seconds: timeLimit })} />
          <span aria-hidden="true">{t('running', { day: formatDay(`${date}T12:00:00Z`), seconds: timeLimit })}</span>
        </div>
      )}
      {preview.isError && !errors.fields.date && <Alert>{t('runError', { message: errors.message ?? preview.error.message })}</Alert>}

      {!plan && !preview.isPending && !preview.isError && <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}

      {plan && !preview.isPending && (
        <>
          {applied && <Alert tone="success">{applied.changedVisits > 0 ? t('applied', { count: applied.changedVisits }) : t('appliedNone')}</Alert>}
          {outOfDate && (
            <Alert>
              <span>{t('outOfDate')}</span>{' '}
              <Button size="small" variant="secondary" onClick={() => run()}>
                {t('runAgain')}
              </Button>
            </Alert>
          )}
          {apply.isError && !outOfDate && <Alert>{t('applyError', { message: apply.error.message })}</Alert>}
          <Totals plan={plan} />
          <ChangesSection plan={plan} applied={applied !== null} onApply={() => setConfirming(true)} />
          {plan.unplaced.length > 0 && (
            <Card as="section" aria-labelledby="route-optimisation-unplaced">
              <CardHeader title={<span id="route-optimisation-unplaced">{t('unplacedTitle')}</span>} />
              <ul className="route-optimisation__unplaced">
                {plan.unplaced.map((u) => (
                  <li key={u.appointmentId}>
                    <Link href={`/console/jobs/${u.jobId}`}>{u.jobReference}</Link> · {u.customerName} · {formatTime(u.windowStart)}–{formatTime(u.windowEnd)}
                    <p className="small muted">{u.message}</p>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <div className="route-optimisation__technicians">
            {plan.technicians
              .filter((tech) => tech.before.stops.length > 0 || tech.after.stops.length > 0)
              .map((tech) => (
                <TechnicianCard key={tech.id} technician={tech} changed={new Set(plan.changes.map((c) => c.appointmentId))} />
              ))}
          </div>
        </>
      )}

      <Dialog open={confirming} title={t('confirmTitle')} onClose={() => setConfirming(false)}>
        <p>{plan && plan.changes.length === 1 ? t('confirmBodyOne') : t('confirmBody', { count: plan?.changes.length ?? 0 })}</p>
        <div className="route-optimisation__dialog-actions">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
          <Button onClick={confirm} loading={apply.isPending}>
            {t('confirm')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function Totals({ plan }: { plan: RoutePlan }) {
  const { before, after, travelSavingPercent } = plan.totals;
  const figure = (label: string, value: string, tone?: 'good') => (
    <div className={`route-optimisation__figure${tone ? ' route-optimisation__figure--good' : ''}`}>
      <span className="small muted">{label}</span>
      <strong>{value}</strong>
    </div>
  );
  return (
    <div className="route-optimisation__totals" aria-label={t('title')}>
      {figure(t('techniciansUsed'), t('beforeAfter', { before: before.techniciansUsed, after: after.techniciansUsed }), after.techniciansUsed < before.techniciansUsed ? 'good' : undefined)}
      {figure(t('travelTime'), t('beforeAfter', { before: formatMinutes(before.travelMinutes), after: formatMinutes(after.travelMinutes) }))}
      {figure(t('distance'), t('beforeAfter', { before: t('km', { value: before.travelKm }), after: t('km', { value: after.travelKm }) }))}
      {figure(t('saving'), t('percent', { value: travelSavingPercent }), travelSavingPercent > 0 ? 'good' : undefined)}
    </div>
  );
}

function ChangesSection({ plan, applied, onApply }: { plan: RoutePlan; applied: boolean; onApply(): void }) {
  const window = (w: { start: string; end: string }) => `${formatTime(w.start)}–${formatTime(w.end)}`;
  return (
    <Card as="section" aria-labelledby="route-optimisation-changes">
      <CardHeader
        title={<span id="route-optimisation-changes">{t(applied ? 'changesTitleApplied' : 'changesTitle')}</span>}
        actions={
          !applied && plan.changes.length > 0 ? (
            <Button onClick={onApply} aria-haspopup="dialog">
              {t('apply')}
            </Button>
          ) : undefined
        }
      />
      {plan.changes.length === 0 ? (
        <p className="muted">{t('noChanges')}</p>
      ) : (
        <>
          <p className="small muted">{t(applied ? 'changesHintApplied' : 'changesHint')}</p>
          <div className="route-optimisation__table-wrap">
            <table className="route-optimisation__table">
              <thead>
                <tr>
                  <th scope="col">{t('colJob')}</th>
                  <th scope="col">{t('colCustomer')}</th>
                  <th scope="col">{t('colTechnician')}</th>
                  <th scope="col">{t('colWindow')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.map((c) => (
                  <tr key={c.appointmentId}>
                    <td>
                      <Link href={`/console/jobs/${c.jobId}`}>{c.jobReference}</Link>
                    </td>
                    <td>{c.customerName}</td>
                    <td>{c.technicianChanged ? t('beforeAfter', { before: c.fromTechnician?.name ?? t('unassignedTechnician'), after: c.toTechnician.name }) : <span className="muted">{c.toTechnician.name}</span>}</td>
                    <td>{c.windowChanged ? t('beforeAfter', { before: window(c.fromWindow), after: window(c.toWindow) }) : <span className="muted">{window(c.toWindow)}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

function TechnicianCard({ technician, changed }: { technician: PlannedTechnician; changed: Set<string> }) {
  const column = (label: string, route: PlannedTechnician['before'], showChanges: boolean) => (
    <div className="route-optimisation__route">
      <h3>{label}</h3>
      <p className="small muted">{t('routeTotals', { time: formatMinutes(route.travelMinutes), distance: t('km', { value: route.travelKm }) })}</p>
      {route.stops.length === 0 ? <p className="muted small">{t('noStops')}</p> : <ol className="route-optimisation__stops">{route.stops.map((stop) => <StopItem key={stop.appointmentId} stop={stop} changed={showChanges && changed.has(stop.appointmentId)} />)}</ol>}
    </div>
  );
  return (
    <Card as="section" className="route-optimisation__technician" aria-label={technician.name}>
      <CardHeader title={technician.name} level={3} />
      <div className="route-optimisation__routes">
        {column(t('before'), technician.before, false)}
        {column(t('after'), technician.after, true)}
      </div>
    </Card>
  );
}

function StopItem({ stop, changed }: { stop: PlannedStop; changed: boolean }) {
  return (
    <li className="route-optimisation__stop">
      <span className="route-optimisation__time">{formatTime(stop.arrivalAt)}</span>
      <span className="route-optimisation__stop-body">
        <strong>{stop.customerName}</strong>
        <span className="small muted">
          {stop.jobReference} · {t('window', { window: `${formatTime(stop.windowStart)}–${formatTime(stop.windowEnd)}` })}
        </span>
        <span className="route-optimisation__badges">
          {stop.fixed && <Badge tone="info">{t('fixed')}</Badge>}
          {stop.late && <Badge tone="danger">{t('late')}</Badge>}
          {changed && <Badge tone="warning">{t('changed')}</Badge>}
        </span>
      </span>
    </li>
  );
}
