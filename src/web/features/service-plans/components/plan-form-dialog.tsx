import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Field, Select, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { dateKey } from '../../../lib/format.js';
import { useCategories } from '../api/get-categories.js';
import { useCreatePlan, useUpdatePlan } from '../api/save-plan.js';
import type { Frequency, ServicePlan } from '../types.js';
import { t } from './messages.js';

export interface PlanCustomer {
  id: string;
  locations: { id: string; label: string | null; line1: string; city: string }[];
}

const SHOWN = ['locationId', 'categoryId', 'name', 'frequency', 'frequency.every', 'frequency.unit', 'rrule', 'startDate', 'endDate', 'preferredTimeOfDay', 'notes'];

/** The office creates a plan for a customer, or edits one: service, address, frequency (or a typed RRULE), first date, preferences. */
export function PlanFormDialog({ customer, plan, onClose }: { customer: PlanCustomer; plan?: ServicePlan; onClose(): void }) {
  const toast = useToast();
  const categories = useCategories();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const save = plan ? update : create;
  const [form, setForm] = useState({
    name: plan?.name ?? '',
    locationId: plan?.location.id ?? customer.locations[0]?.id ?? '',
    categoryId: plan?.category.id ?? '',
    every: String(plan?.frequency?.every ?? 6),
    unit: (plan?.frequency?.unit ?? 'month') as Frequency['unit'],
    rrule: plan && !plan.frequency ? (plan.rrule.split('\n').find((l) => l.startsWith('RRULE:'))?.slice(6) ?? '') : '',
    startDate: plan?.startDate ?? dateKey(new Date()),
    endDate: plan?.endDate ?? '',
    preferredTimeOfDay: plan?.preferredTimeOfDay ?? '',
    notes: plan?.notes ?? '',
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const errors = formErrors(save.error, SHOWN);
  const err = (field: string, label: string) => fieldMessage(label, errors.fields[field]);
  const categoryId = form.categoryId || categories.data?.items.find((c) => c.active)?.id || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rule = form.rrule.trim() ? { rrule: form.rrule.trim() } : { frequency: { every: Number(form.every), unit: form.unit } };
    const common = {
      ...rule,
      startDate: form.startDate,
      endDate: form.endDate || null,
      preferredTimeOfDay: (form.preferredTimeOfDay || null) as ServicePlan['preferredTimeOfDay'],
      notes: form.notes,
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
    };
    const done = () => {
      toast.show(t(plan ? 'saved_toast' : 'created_toast'));
      onClose();
    };
    if (plan) update.mutate({ planId: plan.id, locationId: form.locationId, ...common }, { onSuccess: done });
    else create.mutate({ customerId: customer.id, locationId: form.locationId, categoryId, ...common }, { onSuccess: done });
  };

  return (
    <Dialog open title={plan ? t('editPlan') : t('newPlan')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <div className="service-plans__form-grid">
          {!plan && (
            <Field label={t('category')} error={err('categoryId', t('category'))}>
              <Select value={categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
                {categories.data?.items
                  .filter((c) => c.active)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </Select>
            </Field>
          )}
          <Field label={t('name')} hint={t('nameHint')} error={err('name', t('name'))}>
            <TextInput value={form.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field label={t('location')} error={err('locationId', t('location'))}>
            <Select value={form.locationId} onChange={(e) => set({ locationId: e.target.value })}>
              {customer.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {[l.label, l.line1, l.city].filter(Boolean).join(', ')}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('every')} error={err('frequency.every', t('every')) ?? err('frequency', t('frequency'))}>
            <TextInput type="number" min={1} max={52} inputMode="numeric" value={form.every} disabled={form.rrule.trim() !== ''} onChange={(e) => set({ every: e.target.value })} />
          </Field>
          <Field label={t('unit')} error={err('frequency.unit', t('unit'))}>
            <Select value={form.unit} disabled={form.rrule.trim() !== ''} onChange={(e) => set({ unit: e.target.value as Frequency['unit'] })}>
              <option value="week">{t('weeks')}</option>
              <option value="month">{t('months')}</option>
              <option value="year">{t('years')}</option>
            </Select>
          </Field>
          <Field label={t('startDate')} error={err('startDate', t('startDate'))}>
            <TextInput type="date" value={form.startDate} onChange={(e) => set({ startDate: e.target.value })} />
          </Field>
          <Field label={t('endDate')} error={err('endDate', t('endDate'))}>
            <TextInput type="date" value={form.endDate} onChange={(e) => set({ endDate: e.target.value })} />
          </Field>
          <Field label={t('timeOfDay')}>
            <Select value={form.preferredTimeOfDay} onChange={(e) => set({ preferredTimeOfDay: e.target.value })}>
              <option value="">{t('anyTime')}</option>
              <option value="morning">{t('morning')}</option>
              <option value="afternoon">{t('afternoon')}</option>
            </Select>
          </Field>
        </div>
        <Field label={t('rrule')} hint={t('rruleHint')} error={errors.fields.rrule}>
          <TextInput value={form.rrule} maxLength={500} spellCheck={false} onChange={(e) => set({ rrule: e.target.value })} />
        </Field>
        <Field label={t('notes')} error={err('notes', t('notes'))}>
          <TextArea rows={2} maxLength={2000} value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
        </Field>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {plan ? t('save') : t('create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
