import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { Alert, Badge, Button, Card, Dialog, Field, Select, TextArea, useToast, type Tone } from '../../../components/ui/index.js';
import { formErrors } from '../../../lib/form-errors.js';
import { formatWindow } from '../../../lib/format.js';
import { useChangeFrequency, useEndPlan, useResumePlan, useSkipVisit, useSuspendPlan } from '../api/plan-actions.js';
import type { Frequency, PlanAudience, PlanVisit, ServicePlan } from '../types.js';
import { formatLocalDate, frequencyLabel, t } from './messages.js';

const STATUS_TONE: Record<ServicePlan['status'], Tone> = { active: 'success', suspended: 'warning', ended: 'neutral' };
const VISIT_TONE: Record<PlanVisit['state'], Tone> = { booked: 'info', unscheduled: 'warning', in_progress: 'info', completed: 'success', cancelled: 'neutral', skipped: 'neutral', planned: 'neutral' };
const SKIPPABLE: readonly PlanVisit['state'][] = ['booked', 'unscheduled', 'planned'];
/** Enough to plan around without a wall of far-off dates. */
const VISITS_SHOWN = 4;
const key = (f: Frequency) => `${f.every}-${f.unit}`;

interface PlanCardProps {
  plan: ServicePlan;
  /** The frequencies offered (the customer's choice); the office may also type its own in the edit dialog. */
  choices: Frequency[];
  audience: PlanAudience;
  /** Console only: opens the edit dialog. */
  onEdit?: () => void;
  /** Console only: links generated visits to their job page. */
  jobHref?: (jobId: string) => string;
}

/** One plan: how often, where, the next visits, and what can be done with it — the same for a customer and the office. */
export function PlanCard({ plan, choices, audience, onEdit, jobHref }: PlanCardProps) {
  const toast = useToast();
  const [dialog, setDialog] = useState<{ kind: 'skip'; visit: PlanVisit } | { kind: 'suspend' | 'end' } | undefined>();
  const change = useChangeFrequency(audience);
  const resume = useResumePlan(audience);
  const current = plan.frequency ? key(plan.frequency) : '';
  const options = plan.frequency && !choices.some((c) => key(c) === current) ? [plan.frequency, ...choices] : choices;
  const [picked, setPicked] = useState(current);
  const headingId = `plan-${plan.id}`;
  const pickedFrequency = options.find((o) => key(o) === picked);

  const saveFrequency = (event: FormEvent) => {
    event.preventDefault();
    if (!pickedFrequency) return;
    change.mutate(
      { planId: plan.id, frequency: pickedFrequency },
      { onSuccess: (saved) => toast.show(t(audience === 'customer' ? 'frequencyChanged' : 'frequencyChangedStaff', { frequency: frequencyLabel(saved.frequency, saved.frequencyText).toLowerCase() })) },
    );
  };

  return (
    <Card as="article" className="service-plan" aria-labelledby={headingId}>
      <div className="service-plan__top">
        <div className="service-plan__title">
          <h2 id={headingId} className="service-plan__name">
            {plan.name}
          </h2>
          <span className="service-plan__frequency">{frequencyLabel(plan.frequency, plan.frequencyText)}</span>
        </div>
        <Badge tone={STATUS_TONE[plan.status]}>{t(plan.status)}</Badge>
      </div>
      <p className="small muted service-plan__where">
        {audience === 'staff' && <>{plan.customer.name} · </>}
        {t('at', { address: plan.location.label ? `${plan.location.label}, ${plan.location.address}` : plan.location.address })}
        {plan.preferredTimeOfDay && <> · {t(plan.preferredTimeOfDay === 'morning' ? 'preferredMorning' : 'preferredAfternoon')}</>}
        {plan.preferredTechnician && <> · {t('withTechnician', { name: plan.preferredTechnician.name })}</>}
      </p>

      {plan.status === 'suspended' && (
        <Alert tone="info">
          {t('suspendedNote')} {plan.statusChangedBy && t('suspendedBy', { name: plan.statusChangedBy })} {plan.statusReason && t('reasonGiven', { reason: plan.statusReason })}
        </Alert>
      )}
      {plan.status === 'ended' && <p className="muted">{t('endedNote')}</p>}

      {plan.status !== 'ended' && (
        <section className="stack-sm" aria-label={t('nextVisits')}>
          <h3 className="service-plan__subheading">{t('nextVisits')}</h3>
          {plan.upcoming.length === 0 ? (
            <p className="muted small">{t('noVisits')}</p>
          ) : (
            <ul className="service-plan__visits">
              {plan.upcoming.slice(0, VISITS_SHOWN).map((visit) => (
                <li key={visit.date} className={`service-plan__visit service-plan__visit--${visit.state}`}>
                  <div className="service-plan__visit-main">
                    <span className="service-plan__visit-when">{visitText(visit)}</span>
                    <span className="row service-plan__visit-meta">
                      <Badge tone={VISIT_TONE[visit.state]}>{t(visit.state)}</Badge>
                      {visit.jobId && visit.jobReference && visit.state !== 'skipped' && (
                        <Link href={jobHref ? jobHref(visit.jobId) : `/portal/jobs/${visit.jobId}`} className="small">
                          {t('jobLink', { reference: visit.jobReference })}
                        </Link>
                      )}
                    </span>
                  </div>
                  {plan.status === 'active' && SKIPPABLE.includes(visit.state) && (
                    <Button variant="secondary" size="small" aria-label={t('skipLabel', { date: formatLocalDate(visit.date) })} onClick={() => setDialog({ kind: 'skip', visit })}>
                      {t('skip')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {plan.upcoming.some((v) => v.state === 'planned') && <p className="small muted">{t('plannedNote')}</p>}
        </section>
      )}

      {plan.status !== 'ended' && (
        <div className="service-plan__actions">
          {plan.status === 'active' && options.length > 0 && (
            <form className="service-plan__frequency-form" onSubmit={saveFrequency}>
              <Field label={t('frequency')} error={change.error ? formErrors(change.error).message ?? change.error.message : undefined}>
                <Select value={picked} onChange={(e) => setPicked(e.target.value)}>
                  {!plan.frequency && <option value="">{plan.frequencyText}</option>}
                  {options.map((o) => (
                    <option key={key(o)} value={key(o)}>
                      {frequencyLabel(o, '')}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" variant="secondary" disabled={!pickedFrequency || picked === current} loading={change.isPending}>
                {t('saveFrequency')}
              </Button>
            </form>
          )}
          <div className="row service-plan__buttons">
            {plan.status === 'active' ? (
              <Button variant="secondary" onClick={() => setDialog({ kind: 'suspend' })}>
                {t('suspend')}
              </Button>
            ) : (
              <Button onClick={() => resume.mutate({ planId: plan.id }, { onSuccess: () => toast.show(t('resumed_toast')) })} loading={resume.isPending}>
                {t('resume')}
              </Button>
            )}
            {onEdit && (
              <Button variant="secondary" onClick={onEdit}>
                {t('editPlan')}
              </Button>
            )}
            {audience === 'staff' && (
              <Button variant="ghost" onClick={() => setDialog({ kind: 'end' })}>
                {t('end')}
              </Button>
            )}
          </div>
          {resume.error && <Alert>{resume.error.message}</Alert>}
        </div>
      )}

      {dialog?.kind === 'skip' && <SkipDialog plan={plan} visit={dialog.visit} audience={audience} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'suspend' && <SuspendDialog plan={plan} audience={audience} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'end' && <EndDialog plan={plan} onClose={() => setDialog(undefined)} />}
    </Card>
  );
}

function visitText(visit: PlanVisit): string {
  const date = formatLocalDate(visit.date);
  if (visit.state === 'skipped') return t('skippedOn', { date });
  if (visit.windowStart && visit.windowEnd) {
    const window = formatWindow(visit.windowStart, visit.windowEnd);
    return visit.technicianName ? t('visitWindowWith', { window, name: visit.technicianName }) : t('visitWindow', { window });
  }
  return visit.state === 'unscheduled' ? t('unscheduledFor', { date }) : t('plannedFor', { date });
}

/** Confirms a change to the plan with an optional reason, kept on the timeline of the visits it cancels. */
function ReasonDialog(props: { title: string; body: string; confirm: string; pending: boolean; error: Error | null; onConfirm(reason: string | undefined): void; onClose(): void }) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onConfirm(reason.trim() || undefined);
  };
  return (
    <Dialog open title={props.title} onClose={props.onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>{props.body}</p>
        {props.error && <Alert>{props.error.message}</Alert>}
        <Field label={t('reason')}>
          <TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={props.onClose}>
            {t('keep')}
          </Button>
          <Button type="submit" loading={props.pending}>
            {props.confirm}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SkipDialog({ plan, visit, audience, onClose }: { plan: ServicePlan; visit: PlanVisit; audience: PlanAudience; onClose(): void }) {
  const toast = useToast();
  const skip = useSkipVisit(audience);
  const done = () => {
    toast.show(t('skipped_toast'));
    onClose();
  };
  return (
    <ReasonDialog
      title={t('skipTitle')}
      body={t('skipBody', { date: formatLocalDate(visit.date) })}
      confirm={t('skipConfirm')}
      pending={skip.isPending}
      error={skip.error}
      onConfirm={(reason) => skip.mutate({ planId: plan.id, date: visit.date, ...(reason ? { reason } : {}) }, { onSuccess: done })}
      onClose={onClose}
    />
  );
}

function SuspendDialog({ plan, audience, onClose }: { plan: ServicePlan; audience: PlanAudience; onClose(): void }) {
  const toast = useToast();
  const suspend = useSuspendPlan(audience);
  const done = () => {
    toast.show(t('suspended_toast'));
    onClose();
  };
  return (
    <ReasonDialog
      title={t('suspendTitle')}
      body={t('suspendBody')}
      confirm={t('suspendConfirm')}
      pending={suspend.isPending}
      error={suspend.error}
      onConfirm={(reason) => suspend.mutate({ planId: plan.id, ...(reason ? { reason } : {}) }, { onSuccess: done })}
      onClose={onClose}
    />
  );
}

function EndDialog({ plan, onClose }: { plan: ServicePlan; onClose(): void }) {
  const toast = useToast();
  const end = useEndPlan();
  const done = () => {
    toast.show(t('ended_toast'));
    onClose();
  };
  return (
    <ReasonDialog
      title={t('endTitle')}
      body={t('endBody')}
      confirm={t('endConfirm')}
      pending={end.isPending}
      error={end.error}
      onConfirm={(reason) => end.mutate({ planId: plan.id, ...(reason ? { reason } : {}) }, { onSuccess: done })}
      onClose={onClose}
    />
  );
}
