import { useId, type Ref } from 'react';
import { formatDay } from '../../lib/format.js';
import { defineMessages } from '../../lib/i18n.js';
import { formatTimeRange, type PickableWindow } from './window-picker.js';

const t = defineMessages({
  en: {
    title: 'This window was just taken.',
    body: 'Someone booked it a moment before you. These times are still free: choose one, then confirm again.',
    none: 'Someone booked it a moment before you, and the following days are full too. Try later dates below.',
  },
});

/** At most this many alternatives: enough to choose from without a long scroll on a phone. */
const SHOWN = 6;

interface TakenWindowAlertProps {
  alternatives: PickableWindow[];
  value: PickableWindow | null;
  onChange(window: PickableWindow): void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * "This window was just taken" (409 SLOT_TAKEN), with the windows the server found still free as
 * a radio group. Focusable, so the page can move focus to it when a booking loses its race.
 */
export function TakenWindowAlert({ alternatives, value, onChange, ref }: TakenWindowAlertProps) {
  const id = useId();
  return (
    <div ref={ref} tabIndex={-1} className="window-picker__taken" aria-labelledby={`${id}-title`} role="region">
      <div role="alert">
        <p className="window-picker__taken-title" id={`${id}-title`}>
          {t('title')}
        </p>
        <p>{alternatives.length ? t('body') : t('none')}</p>
      </div>
      {alternatives.length > 0 && (
        <div className="window-picker__windows window-picker__windows--alternatives" role="radiogroup" aria-labelledby={`${id}-title`}>
          {alternatives.slice(0, SHOWN).map((window) => (
            <label key={window.start} className="window-picker__window window-picker__window--alternative">
              <input type="radio" className="window-picker__input" name={`${id}-alternative`} value={window.start} checked={value?.start === window.start} onChange={() => onChange(window)} />
              <span className="window-picker__alternative-day">{formatDay(window.start)}</span> <span>{formatTimeRange(window)}</span>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
