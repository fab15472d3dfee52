import { useId } from 'react';
import { defineMessages } from '../../lib/i18n.js';

const t = defineMessages({
  en: {
    legend: 'Who should come?',
    any: 'Any technician',
    anyHint: 'The first one free, chosen by our team’s rules.',
  },
});

/**
 * When the company lets customers choose: the technicians who can come in the chosen window, with
 * "Any technician" first and chosen unless the customer picks someone. `value` '' means any.
 */
export function TechnicianChoice({ technicians, value, onChange }: { technicians: { id: string; name: string }[]; value: string; onChange(technicianId: string): void }) {
  const id = useId();
  return (
    <fieldset className="window-picker__technicians">
      <legend className="window-picker__day-heading">{t('legend')}</legend>
      <div className="window-picker__windows">
        <label className="window-picker__window window-picker__technician">
          <input type="radio" className="window-picker__input" name={`${id}-technician`} value="" checked={!value} onChange={() => onChange('')} />
          <span>{t('any')}</span>
          <span className="window-picker__technician-hint">{t('anyHint')}</span>
        </label>
        {technicians.map((technician) => (
          <label key={technician.id} className="window-picker__window window-picker__technician">
            <input type="radio" className="window-picker__input" name={`${id}-technician`} value={technician.id} checked={value === technician.id} onChange={() => onChange(technician.id)} />
            <span>{technician.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
