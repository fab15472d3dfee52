import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Field, Select, Skeleton, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { usePreferredTechnician } from '../api/get-preferred-technician.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useSetPreferredTechnician } from '../api/set-preferred-technician.js';

const t = defineMessages({
  en: {
    title: 'Preferred technician',
    hint: 'The dispatch rules favour this technician for the customer’s visits whenever they can come. Without one, the rules may favour whoever last served the customer.',
    label: 'Technician',
    none: 'No preference',
    save: 'Save preference',
    saved: 'The preferred technician is saved.',
    loadError: 'The preferred technician could not be loaded. {message}',
  },
});

/** The customer's preferred technician, set by the office; the dispatch rules favour them. */
export function PreferredTechnicianCard({ customerId }: { customerId: string }) {
  const toast = useToast();
  const preferred = usePreferredTechnician(customerId);
  const technicians = useTechnicians();
  const save = useSetPreferredTechnician(customerId);
  const [value, setValue] = useState('');
  const errors = formErrors(save.error, ['technicianId']);
  const saved = preferred.data?.technician?.id ?? '';
  useEffect(() => setValue(saved), [saved]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value || null, { onSuccess: () => toast.show(t('saved')) });
  };

  return (
    <Card as="section" aria-labelledby="customer-preferred-technician">
      <CardHeader title={<span id="customer-preferred-technician">{t('title')}</span>} />
      {preferred.isError ? (
        <Alert>{t('loadError', { message: preferred.error.message })}</Alert>
      ) : preferred.isPending || technicians.isPending ? (
        <Skeleton height={80} />
      ) : (
        <form className="customers__preferred" onSubmit={submit} noValidate>
          <p className="small muted">{t('hint')}</p>
          {errors.message && !errors.fields.technicianId && <Alert>{errors.message}</Alert>}
          <div className="customers__preferred-row">
            <Field label={t('label')} error={fieldMessage(t('label'), errors.fields.technicianId)}>
              <Select value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="">{t('none')}</option>
                {technicians.data?.items
                  .filter((tech) => tech.active || tech.id === saved)
                  .map((tech) => (
                    <option key={tech.id} value={tech.id}>
                      {tech.name}
                    </option>
                  ))}
              </Select>
            </Field>
            <Button type="submit" variant="secondary" loading={save.isPending} disabled={value === saved}>
              {t('save')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
