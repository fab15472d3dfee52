import { PageHeader, Skeleton } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useMe } from '../api/get-me.js';
import { BookingPolicySection } from './booking-policy-section.js';
import { TerritoriesSection } from './territories-section.js';
import './booking-settings.css';

const t = defineMessages({
  en: {
    title: 'Booking and territories',
    subtitle: 'When customers can book, move and cancel visits, and which areas each technician covers.',
  },
});

/** Settings → Booking policy and territories: admins change them, dispatchers read them. */
export function BookingSettingsPage() {
  const me = useMe();
  const canEdit = me.data?.role === 'admin';
  return (
    <div className="booking-settings">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {me.isPending ? (
        <Skeleton height={400} />
      ) : (
        <>
          <BookingPolicySection canEdit={canEdit} />
          <TerritoriesSection canEdit={canEdit} />
        </>
      )}
    </div>
  );
}
