import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { technicianDayKey, type TechnicianDay } from './get-technician-day.js';
import { technicianVisitKey } from './get-technician-visit.js';

/** The technician's steps, as the API names them. */
export type Step = 'on-my-way' | 'start' | 'pause' | 'resume' | 'complete';

export type StepInput =
  | { step: 'on-my-way' | 'start' | 'resume' }
  | { step: 'pause'; message: string }
  | { step: 'complete'; notes: string; attachmentIds: string[] };

/** POST /api/technician/appointments/:id/{on-my-way|start|pause|resume|complete}: answers with the visit's new state. */
export function takeStep(appointmentId: string, input: StepInput): Promise<TechnicianAppointment> {
  const { step, ...body } = input;
  const url = `/api/technician/appointments/${encodeURIComponent(appointmentId)}/${step}`;
  return api<TechnicianAppointment>('POST', url, step === 'pause' || step === 'complete' ? body : undefined);
}

/**
 * A step on one visit. The answer goes straight into the caches (the screen changes at once), then
 * the day's lists refetch, since one visit's step can reorder the day.
 */
export function useTakeStep(appointmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['technician-step', appointmentId],
    mutationFn: (input: StepInput) => takeStep(appointmentId, input),
    onSuccess: (visit) => {
      queryClient.setQueryData(technicianVisitKey(appointmentId), visit);
      queryClient.setQueriesData<TechnicianDay>({ queryKey: technicianDayKey }, (day) =>
        day ? { ...day, items: day.items.map((item) => (item.id === visit.id ? visit : item)) } : day,
      );
      void queryClient.invalidateQueries({ queryKey: technicianDayKey });
    },
    onError: (error) => {
      // 409: someone (the office, another device) changed the job; show what it is now.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        void queryClient.invalidateQueries({ queryKey: technicianVisitKey(appointmentId) });
        void queryClient.invalidateQueries({ queryKey: technicianDayKey });
      }
    },
  });
}
