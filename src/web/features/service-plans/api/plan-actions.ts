import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Frequency, PlanAudience, ServicePlan } from '../types.js';

/** The same actions answer under /api/portal/… for a customer and /api/… for the office. */
const base = (audience: PlanAudience) => (audience === 'customer' ? '/api/portal/service-plans' : '/api/service-plans');

/** POST …/service-plans/:planId/frequency */
export const changeFrequency = (audience: PlanAudience, { planId, ...body }: { planId: string; frequency: Frequency }) => api<ServicePlan>('POST', `${base(audience)}/${planId}/frequency`, body);
/** POST …/service-plans/:planId/skip */
export const skipVisit = (audience: PlanAudience, { planId, ...body }: { planId: string; date: string; reason?: string }) => api<ServicePlan>('POST', `${base(audience)}/${planId}/skip`, body);
/** POST …/service-plans/:planId/suspend */
export const suspendPlan = (audience: PlanAudience, { planId, ...body }: { planId: string; reason?: string }) => api<ServicePlan>('POST', `${base(audience)}/${planId}/suspend`, body);
/** POST …/service-plans/:planId/resume */
export const resumePlan = (audience: PlanAudience, { planId }: { planId: string }) => api<ServicePlan>('POST', `${base(audience)}/${planId}/resume`);
/** POST /api/service-plans/:planId/end (office only) */
export const endPlan = ({ planId, ...body }: { planId: string; reason?: string }) => api<ServicePlan>('POST', `/api/service-plans/${planId}/end`, body);

/** Every list that shows plans, and the job lists their visits appear in, are stale after a change. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['service-plans'] });
    void queryClient.invalidateQueries({ queryKey: ['portal-my-jobs'] });
  };
}

export function useChangeFrequency(audience: PlanAudience) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { planId: string; frequency: Frequency }) => changeFrequency(audience, input), onSuccess: refresh });
}

export function useSkipVisit(audience: PlanAudience) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { planId: string; date: string; reason?: string }) => skipVisit(audience, input), onSuccess: refresh });
}

export function useSuspendPlan(audience: PlanAudience) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { planId: string; reason?: string }) => suspendPlan(audience, input), onSuccess: refresh });
}

export function useResumePlan(audience: PlanAudience) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { planId: string }) => resumePlan(audience, input), onSuccess: refresh });
}

export function useEndPlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: endPlan, onSuccess: refresh });
}
