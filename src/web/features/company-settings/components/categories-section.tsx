import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, CardHeader, Checkbox, EmptyState, Field, Skeleton, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import type { Priority, ServiceCategory } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatMinutes } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { PRIORITY_LIST, priorityLabel } from '../../../lib/job-status.js';
import { useCreateCategory } from '../api/create-category.js';
import { useCategories, type CategoryInput } from '../api/get-categories.js';
import { useUpdateCategory } from '../api/update-category.js';

const t = defineMessages({
  en: {
    title: 'Service categories',
    hint: 'What customers can ask for. Skills route a job to technicians who can do it; the SLA is the promised time from request to arrival.',
    add: 'New category',
    newTitle: 'New service category',
    editTitle: 'Edit {name}',
    name: 'Name',
    description: 'Description',
    duration: 'Usual duration (minutes)',
    skills: 'Required skills',
    skillsHint: 'Separate skills with commas, e.g. hvac, gas-safe.',
    noSkills: 'Any technician',
    sla: 'SLA per priority',
    slaField: '{priority} (minutes)',
    active: 'Offered to customers',
    activeBadge: 'Active',
    inactiveBadge: 'Not offered',
    durationValue: 'Takes about {time}',
    slaValue: '{priority}: {time}',
    edit: 'Edit',
    editLabel: 'Edit {name}',
    save: 'Save category',
    create: 'Add category',
    cancel: 'Cancel',
    saved: '{name} is saved.',
    createdMessage: '{name} was added.',
    empty: 'No service categories yet',
    error: 'The categories could not be loaded. {message}',
    required: 'is required',
  },
});

const DEFAULT_SLA: Record<Priority, number> = { emergency: 240, high: 1440, normal: 4320, low: 10080 };
const BLANK: CategoryInput = { name: '', description: null, defaultDurationMinutes: 60, requiredSkills: [], slaMinutes: DEFAULT_SLA, active: true };

/** The service catalogue, edited in place. */
export function CategoriesSection() {
  const categories = useCategories();
  const [editing, setEditing] = useState<string | 'new'>();

  return (
    <Card as="section" aria-labelledby="settings-categories">
      <CardHeader
        title={<span id="settings-categories">{t('title')}</span>}
        actions={
          editing !== 'new' && (
            <Button variant="secondary" size="small" onClick={() => setEditing('new')}>
              {t('add')}
            </Button>
          )
        }
      />
      <p className="small muted settings__section-hint">{t('hint')}</p>
      {editing === 'new' && <CategoryForm category={undefined} onDone={() => setEditing(undefined)} />}
      {categories.isError ? (
        <Alert>{t('error', { message: categories.error.message })}</Alert>
      ) : categories.isPending ? (
        <div className="stack-sm">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={72} />
          ))}
        </div>
      ) : categories.data.items.length === 0 && editing !== 'new' ? (
        <EmptyState title={t('empty')} />
      ) : (
        <ul className="settings__categories">
          {categories.data.items.map((category) => (
            <li key={category.id} className={category.active ? undefined : 'settings__category--inactive'}>
              {editing === category.id ? (
                <CategoryForm category={category} onDone={() => setEditing(undefined)} />
              ) : (
                <div className="settings__category">
                  <div className="settings__category-main">
                    <div className="row">
                      <h3>{category.name}</h3>
                      <Badge tone={category.active ? 'success' : 'neutral'}>{category.active ? t('activeBadge') : t('inactiveBadge')}</Badge>
                    </div>
                    {category.description && <p className="small muted">{category.description}</p>}
                    <p className="small">
                      {t('durationValue', { time: formatMinutes(category.defaultDurationMinutes) })} · {category.requiredSkills.length ? category.requiredSkills.join(', ') : t('noSkills')}
                    </p>
                    <ul className="settings__sla">
                      {PRIORITY_LIST.slice()
                        .reverse()
                        .map((p) => (
                          <li key={p}>{t('slaValue', { priority: priorityLabel(p), time: formatMinutes(category.slaMinutes[p]) })}</li>
                        ))}
                    </ul>
                  </div>
                  <Button variant="secondary" size="small" aria-label={t('editLabel', { name: category.name })} onClick={() => setEditing(category.id)}>
                    {t('edit')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function CategoryForm({ category, onDone }: { category: ServiceCategory | undefined; onDone(): void }) {
  const toast = useToast();
  const start = category ?? BLANK;
  const [name, setName] = useState(start.name);
  const [description, setDescription] = useState(start.description ?? '');
  const [duration, setDuration] = useState(String(start.defaultDurationMinutes));
  const [skills, setSkills] = useState(start.requiredSkills.join(', '));
  const [sla, setSla] = useState<Record<Priority, string>>({
    emergency: String(start.slaMinutes.emergency),
    high: String(start.slaMinutes.high),
    normal: String(start.slaMinutes.normal),
    low: String(start.slaMinutes.low),
  });
  const [active, setActive] = useState(start.active);
  const [nameMissing, setNameMissing] = useState(false);
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const mutation = category ? update : create;
  const errors = formErrors(mutation.error, ['name', 'description', 'defaultDurationMinutes', 'requiredSkills', 'active', ...PRIORITY_LIST.map((p) => `slaMinutes.${p}`)]);
  const titleId = `category-form-${category?.id ?? 'new'}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    const input: CategoryInput = {
      name: name.trim(),
      description: description.trim() || null,
      defaultDurationMinutes: Number(duration),
      requiredSkills: skills.split(',').map((s) => s.trim()).filter(Boolean),
      slaMinutes: { emergency: Number(sla.emergency), high: Number(sla.high), normal: Number(sla.normal), low: Number(sla.low) },
      active,
    };
    const onSuccess = (saved: ServiceCategory) => {
      toast.show(t(category ? 'saved' : 'createdMessage', { name: saved.name }));
      onDone();
    };
    if (category) update.mutate({ id: category.id, ...input }, { onSuccess });
    else create.mutate(input, { onSuccess });
  };

  return (
    <form className="settings__category-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{category ? t('editTitle', { name: category.name }) : t('newTitle')}</h3>
      {errors.message && <Alert>{errors.message}</Alert>}
      <div className="settings__grid">
        <Field label={t('name')} error={nameMissing && !name.trim() ? fieldMessage(t('name'), t('required')) : fieldMessage(t('name'), errors.fields.name)}>
          <TextInput maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('duration')} hint={Number(duration) > 0 ? formatMinutes(Number(duration)) : undefined} error={fieldMessage(t('duration'), errors.fields.defaultDurationMinutes)}>
          <TextInput type="number" min={5} max={1440} step={5} value={duration} onChange={(e) => setDuration(e.target.value)} />
        </Field>
        <div className="settings__wide">
          <Field label={t('description')} error={fieldMessage(t('description'), errors.fields.description)}>
            <TextArea className="ui-textarea settings__short-textarea" maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
        <div className="settings__wide">
          <Field label={t('skills')} hint={t('skillsHint')} error={fieldMessage(t('skills'), errors.fields.requiredSkills)}>
            <TextInput value={skills} onChange={(e) => setSkills(e.target.value)} />
          </Field>
        </div>
      </div>
      <fieldset className="settings__sla-fields">
        <legend className="ui-field__label">{t('sla')}</legend>
        {PRIORITY_LIST.slice()
          .reverse()
          .map((p) => (
            <Field key={p} label={t('slaField', { priority: priorityLabel(p) })} hint={Number(sla[p]) > 0 ? formatMinutes(Number(sla[p])) : undefined} error={fieldMessage(priorityLabel(p), errors.fields[`slaMinutes.${p}`])}>
              <TextInput type="number" min={1} step={15} value={sla[p]} onChange={(e) => setSla((all) => ({ ...all, [p]: e.target.value }))} />
            </Field>
          ))}
      </fieldset>
      <Checkbox label={t('active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
      <div className="row">
        <Button type="submit" size="small" loading={mutation.isPending}>
          {category ? t('save') : t('create')}
        </Button>
        <Button variant="ghost" size="small" onClick={onDone}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
