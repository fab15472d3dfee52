import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, CardHeader, Checkbox, Field, PageHeader, Select, Skeleton, useToast } from '../../../components/ui/index.js';
import type { Priority } from '../../../lib/api-types.js';
import { formErrors } from '../../../lib/form-errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { priorityLabel } from '../../../lib/job-status.js';
import { useDispatchRules, type AssignmentRule, type DispatchRules } from '../api/get-dispatch-rules.js';
import { useMe } from '../api/get-me.js';
import { useSaveDispatchRules } from '../api/save-dispatch-rules.js';
import './dispatch-rules.css';

const t = defineMessages({
  en: {
    title: 'Dispatch rules',
    subtitle: 'How Arrivo chooses the technician for a visit, and when it does so on its own. Dispatchers see the reason on every job and can always choose someone else.',
    readOnly: 'Only admins can change the dispatch rules.',
    loadError: 'The dispatch rules could not be loaded. {message}',
    autoTitle: 'Automatic assignment',
    autoNewRequests: 'Assign new requests automatically',
    autoNewRequestsHint:
      'A new job gets the first window a suitable technician can take — inside the customer’s preferred windows when they gave some, the soonest one for urgent priorities. When nobody can come in the next two weeks, the job waits on the board.',
    autoBookings: 'Assign bookings by these rules',
    autoBookingsHint: 'When a customer books a window without choosing a technician, the rules choose among those who can come. When off, whoever adds the least driving comes.',
    rulesTitle: 'Rules, in priority order',
    rulesHint:
      'Filters leave technicians out. Each preference scores the others; a rule counts as much as its weight, and a rule higher in the list counts a little more. When scores are equal, the rule higher in the list decides.',
    position: 'Rule {number}',
    filter: 'Filter',
    preference: 'Preference',
    enabled: 'On',
    weight: 'Weight',
    weightHint: '0 to 10',
    moveUp: 'Move “{rule}” up',
    moveDown: 'Move “{rule}” down',
    up: 'Up',
    down: 'Down',
    rule_skills: 'Required skills',
    rule_skills_hint: 'Only technicians with every skill the service category needs.',
    rule_territory: 'Territory',
    rule_territory_hint: 'Technicians whose territories cover the address (postal codes or an area drawn on the map). Technicians without territories serve everywhere.',
    rule_priority_sla: 'Priority and SLA',
    rule_priority_sla_hint: 'Urgent jobs go to whoever can arrive soonest, and never to someone who would miss the SLA when someone else can make it.',
    rule_preferred_technician: 'Preferred technician',
    rule_preferred_technician_hint: 'The technician set as the customer’s preferred one on their page.',
    rule_load_balance: 'Load balance',
    rule_load_balance_hint: 'The technician with the lightest day.',
    rule_travel: 'Shortest drive',
    rule_travel_hint: 'The technician whose route grows least with this visit.',
    territoryMode: 'Use territories as',
    modeFilter: 'A filter: nobody outside their territories',
    modePrefer: 'A preference: others only when needed',
    measure: 'Count the load as',
    measureVisits: 'Visits that day',
    measureMinutes: 'Booked minutes that day',
    fallback: 'Without a preferred technician, favour the one who last served the customer',
    priorities: 'Applies to',
    prioritiesNone: 'Choose at least one priority, or turn the rule off.',
    save: 'Save dispatch rules',
    saved: 'The dispatch rules are saved.',
    lastSaved: 'Last saved {time} by {name}.',
    neverSaved: 'These are the default rules; nobody has changed them yet.',
  },
});

const SOFT: readonly AssignmentRule['key'][] = ['territory', 'priority_sla', 'preferred_technician', 'load_balance', 'travel'];
const PRIORITIES: readonly Priority[] = ['emergency', 'high', 'normal', 'low'];

/** Settings → Dispatch rules: admins reorder and switch the rules; dispatchers read them. */
export function DispatchRulesPage() {
  const me = useMe();
  const rules = useDispatchRules();
  return (
    <div className="dispatch-rules">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {rules.isError ? (
        <Alert>{t('loadError', { message: rules.error.message })}</Alert>
      ) : rules.isPending || me.isPending ? (
        <Skeleton height={480} />
      ) : (
        <RulesForm saved={rules.data} canEdit={me.data?.role === 'admin'} />
      )}
    </div>
  );
}

function RulesForm({ saved, canEdit }: { saved: DispatchRules; canEdit: boolean }) {
  const toast = useToast();
  const save = useSaveDispatchRules();
  const [autoNewRequests, setAutoNewRequests] = useState(saved.autoAssignNewRequests);
  const [autoBookings, setAutoBookings] = useState(saved.autoAssignBookings);
  const [rules, setRules] = useState<AssignmentRule[]>(saved.rules);
  const errors = formErrors(save.error, ['autoAssignNewRequests', 'autoAssignBookings']);

  const change = (index: number, patch: Partial<AssignmentRule>) => setRules((all) => all.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const move = (index: number, by: -1 | 1) =>
    setRules((all) => {
      const next = [...all];
      const [rule] = next.splice(index, 1);
      next.splice(index + by, 0, rule!);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ autoAssignNewRequests: autoNewRequests, autoAssignBookings: autoBookings, rules }, { onSuccess: () => toast.show(t('saved')) });
  };

  return (
    <form className="dispatch-rules__form" onSubmit={submit} noValidate>
      {!canEdit && <Alert tone="info">{t('readOnly')}</Alert>}
      {errors.message && <Alert>{errors.message}</Alert>}
      <fieldset className="dispatch-rules__fieldset" disabled={!canEdit}>
        <Card as="section" aria-labelledby="dispatch-auto-title">
          <CardHeader title={<span id="dispatch-auto-title">{t('autoTitle')}</span>} />
          <div className="dispatch-rules__checks">
            <div className="dispatch-rules__check">
              <Checkbox label={t('autoNewRequests')} checked={autoNewRequests} onChange={(e) => setAutoNewRequests(e.target.checked)} aria-describedby="dispatch-auto-new-hint" />
              <p id="dispatch-auto-new-hint" className="small muted">
                {t('autoNewRequestsHint')}
              </p>
            </div>
            <div className="dispatch-rules__check">
              <Checkbox label={t('autoBookings')} checked={autoBookings} onChange={(e) => setAutoBookings(e.target.checked)} aria-describedby="dispatch-auto-bookings-hint" />
              <p id="dispatch-auto-bookings-hint" className="small muted">
                {t('autoBookingsHint')}
              </p>
            </div>
          </div>
        </Card>

        <Card as="section" aria-labelledby="dispatch-rules-title">
          <CardHeader title={<span id="dispatch-rules-title">{t('rulesTitle')}</span>} />
          <p className="small muted dispatch-rules__hint">{t('rulesHint')}</p>
          <ol className="dispatch-rules__list">
            {rules.map((rule, index) => (
              <RuleRow
                key={rule.key}
                rule={rule}
                index={index}
                last={index === rules.length - 1}
                error={errors.fields[`rules[${index}].priorities`] ?? errors.fields[`rules[${index}].weight`]}
                onChange={(patch) => change(index, patch)}
                onMove={(by) => move(index, by)}
              />
            ))}
          </ol>
        </Card>
      </fieldset>
      <p className="small muted">{saved.updatedAt ? t('lastSaved', { time: formatDateTime(saved.updatedAt), name: saved.updatedBy ?? '—' }) : t('neverSaved')}</p>
      {canEdit && (
        <div>
          <Button type="submit" loading={save.isPending}>
            {t('save')}
          </Button>
        </div>
      )}
    </form>
  );
}

interface RuleRowProps {
  rule: AssignmentRule;
  index: number;
  last: boolean;
  error: string | undefined;
  onChange(patch: Partial<AssignmentRule>): void;
  onMove(by: -1 | 1): void;
}

function RuleRow({ rule, index, last, error, onChange, onMove }: RuleRowProps) {
  const name = t(`rule_${rule.key}`);
  const isFilter = rule.key === 'skills' || (rule.key === 'territory' && rule.mode !== 'prefer');
  const titleId = `dispatch-rule-${rule.key}`;
  const priorities = rule.priorities ?? [];
  const togglePriority = (priority: Priority, on: boolean) => onChange({ priorities: on ? PRIORITIES.filter((p) => p === priority || priorities.includes(p)) : priorities.filter((p) => p !== priority) });

  return (
    <li className={`dispatch-rules__rule${rule.enabled ? '' : ' dispatch-rules__rule--off'}`} aria-labelledby={titleId}>
      <div className="dispatch-rules__rule-head">
        <span className="dispatch-rules__number" aria-hidden="true">
          {index + 1}
        </span>
        <div className="dispatch-rules__rule-title">
          <h3 id={titleId}>
            <span className="visually-hidden">{t('position', { number: index + 1 })}: </span>
            {name} <Badge tone={isFilter ? 'warning' : 'info'}>{isFilter ? t('filter') : t('preference')}</Badge>
          </h3>
          <p className="small muted">{t(`rule_${rule.key}_hint`)}</p>
        </div>
        <div className="dispatch-rules__move" role="group" aria-label={name}>
          <Button variant="secondary" size="small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('moveUp', { rule: name })}>
            ↑ {t('up')}
          </Button>
          <Button variant="secondary" size="small" disabled={last} onClick={() => onMove(1)} aria-label={t('moveDown', { rule: name })}>
            ↓ {t('down')}
          </Button>
        </div>
      </div>
      <div className="dispatch-rules__controls">
        <Checkbox label={t('enabled')} checked={rule.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} aria-describedby={titleId} />
        {SOFT.includes(rule.key) && !isFilter && (
          <Field label={t('weight')} hint={t('weightHint')}>
            <Select value={rule.weight} onChange={(e) => onChange({ weight: Number(e.target.value) })}>
              {Array.from({ length: 11 }, (_, i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {rule.key === 'territory' && (
          <Field label={t('territoryMode')}>
            <Select value={rule.mode ?? 'filter'} onChange={(e) => onChange({ mode: e.target.value as 'filter' | 'prefer' })}>
              <option value="filter">{t('modeFilter')}</option>
              <option value="prefer">{t('modePrefer')}</option>
            </Select>
          </Field>
        )}
        {rule.key === 'load_balance' && (
          <Field label={t('measure')}>
            <Select value={rule.measure ?? 'visits'} onChange={(e) => onChange({ measure: e.target.value as 'visits' | 'minutes' })}>
              <option value="visits">{t('measureVisits')}</option>
              <option value="minutes">{t('measureMinutes')}</option>
            </Select>
          </Field>
        )}
        {rule.key === 'preferred_technician' && <Checkbox label={t('fallback')} checked={rule.fallbackToLastTechnician !== false} onChange={(e) => onChange({ fallbackToLastTechnician: e.target.checked })} />}
        {rule.key === 'priority_sla' && (
          <fieldset className="dispatch-rules__priorities">
            <legend className="ui-field__label">{t('priorities')}</legend>
            {PRIORITIES.map((priority) => (
              <Checkbox key={priority} label={priorityLabel(priority)} checked={priorities.includes(priority)} onChange={(e) => togglePriority(priority, e.target.checked)} />
            ))}
            {rule.enabled && priorities.length === 0 && <p className="ui-field__error">{t('prioritiesNone')}</p>}
          </fieldset>
        )}
      </div>
      {error && <p className="ui-field__error">{error}</p>}
    </li>
  );
}
