import { defineMessages } from '../../../lib/i18n.js';

/** What each message is, as an admin would name it. */
export const templateName = defineMessages({
  en: {
    job_created: 'Request received',
    appointment_scheduled: 'Visit scheduled',
    appointment_reminder: 'Visit reminder',
    technician_on_the_way: 'Technician on the way',
    running_late: 'Running late',
    job_paused: 'Work paused',
    appointment_rescheduled: 'Visit rescheduled',
    job_cancelled: 'Job cancelled',
    job_completed: 'Job completed',
    staff_message: 'Reply from the team',
    estimate_shared: 'Estimate shared',
    invoice_shared: 'Invoice shared',
    payment_reminder: 'Payment reminder',
    payment_receipt: 'Payment receipt',
    payment_failed: 'Auto-pay failed',
    request_submitted: 'New request from a customer',
    customer_note: 'Customer added a note',
    customer_message: 'Customer sent a message',
    customer_rescheduled: 'Customer moved a visit',
    customer_cancelled: 'Customer cancelled a job',
    survey_low_rating: 'Low survey rating',
    estimate_approved: 'Estimate approved',
    estimate_declined: 'Estimate declined',
    invoice_paid: 'Invoice paid',
  },
});
