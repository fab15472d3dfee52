import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CreatePlanInput, ServicePlan, UpdatePlanInput } from '../types.js';

/** POST /api/service-plans (office): creates a plan; its first visits come back already booked. */
export const createPlan = (input: CreatePlanInput) => api<ServicePlan>('POST', '/api/service-plans', input);
/** PATCH /api/service-plans/:planId (office) */
export const updatePlan = ({ planId, ...body }: UpdatePlanInput & { planId: string }) => api<ServicePlan>('PATCH', `/api/service-plans/${planId}`, body);

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPlan, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['service-plans'] }) });
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updatePlan, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['service-plans'] }) });
}
