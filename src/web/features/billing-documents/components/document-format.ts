export { formatMoney } from '../../../lib/format.js';
import type { Tone } from '../../../components/ui/index.js';
import { t } from './messages.js';


export const statusLabel = (status: string) => t(`status_${status}` as 'status_draft');

export function statusTone(status: string): Tone {
  if (status === 'approved' || status === 'paid') return 'success';
  if (status === 'declined') return 'danger';
  if (status === 'sent' || status === 'open') return 'info';
  return 'neutral';
}
