import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { defineMessages } from '../../../lib/i18n.js';

const t = defineMessages({ en: { open: 'Open in Maps' } });

/**
 * A universal maps link (Google Maps' directions URL): phones hand it to the maps app installed,
 * desktops open it in the browser. Coordinates when known, else the address.
 */
export function MapsLink({ visit, compact }: { visit: TechnicianAppointment; compact?: boolean }) {
  return (
    <a
      className={compact ? 'tech-day__maps tech-day__maps--compact' : 'ui-button ui-button--secondary ui-button--large tech-day__maps'}
      href={visit.mapsUrl}
      target="_blank"
      rel="noopener noreferrer"
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21z" />
        <circle cx="12" cy="9.5" r="2.5" />
      </svg>
      {t('open')}
      {compact && <span className="visually-hidden">: {visit.address}</span>}
    </a>
  );
}
