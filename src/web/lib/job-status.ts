import type { Tone } from '../components/ui/index.js';
import type { JobStatus, Priority } from './api-types.js';
import { defineMessages } from './i18n.js';

const t = defineMessages({
  en: {
    created: 'Request received',
    scheduled: 'Scheduled',
    en_route: 'On the way',
    in_progress: 'In progress',
    paused: 'Paused',
    rescheduled: 'Rescheduled',
    completed: 'Completed',
    cancelled: 'Cancelled',
    low: 'Low',
    normal: 'Normal',
    high: 'High',
    emergency: 'Emergency',
  },
});

const TONES: Record<JobStatus, Tone> = {
  created: 'warning',
  scheduled: 'info',
  rescheduled: 'info',
  en_route: 'info',
  in_progress: 'success',
  paused: 'warning',
  completed: 'success',
  cancelled: 'neutral',
};

export const JOB_STATUS_LIST: readonly JobStatus[] = ['created', 'scheduled', 'rescheduled', 'en_route', 'in_progress', 'paused', 'completed', 'cancelled'];
export const PRIORITY_LIST: readonly Priority[] = ['low', 'normal', 'high', 'emergency'];

export const statusLabel = (status: JobStatus) => t(status);
export const statusTone = (status: JobStatus): Tone => TONES[status];
export const priorityLabel = (priority: Priority) => t(priority);
export const priorityTone = (priority: Priority): Tone => (priority === 'emergency' ? 'danger' : priority === 'high' ? 'warning' : 'neutral');
