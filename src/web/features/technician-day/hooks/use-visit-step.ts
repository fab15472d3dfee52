import { ApiError } from '../../../lib/api-client.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { useToast } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useTakeStep, type StepInput } from '../api/take-step.js';

const t = defineMessages({
  en: {
    'on-my-way': 'On your way. {customer} has been told you are coming.',
    start: 'Visit started.',
    pause: 'Visit paused. {customer} can read your message.',
    resume: 'Visit resumed.',
    complete: 'Visit completed. Thank you!',
    conflict: 'This job was changed by someone else. You now see its latest state.',
  },
});

/**
 * Runs a step on one visit with the feedback a technician needs: a toast when it worked, a toast
 * and fresh data when someone else changed the job. Field problems stay with the form that sent them.
 */
export function useVisitStep(visit: TechnicianAppointment) {
  const mutation = useTakeStep(visit.id);
  const toast = useToast();

  const run = (input: StepInput, onDone?: () => void) =>
    mutation.mutate(input, {
      onSuccess: () => {
        toast.show(t(input.step, { customer: visit.customerName }));
        onDone?.();
      },
      onError: (error) => {
        if (error instanceof ApiError && (error.status === 409 || error.status === 404)) return toast.show(t('conflict'), 'error');
        if (error instanceof ApiError && error.status === 400 && (input.step === 'pause' || input.step === 'complete')) return;
        toast.show(error.message, 'error');
      },
    });

  return {
    run,
    pending: mutation.isPending,
    /** The step being sent, to show its button as loading. */
    pendingStep: mutation.isPending ? mutation.variables?.step : undefined,
    error: mutation.error,
    reset: mutation.reset,
  };
}
