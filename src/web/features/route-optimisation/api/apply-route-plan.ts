import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { ApplyBody, ApplyResult } from '../../../../server/modules/route-optimisation/route-optimisation.schemas.js';

export type ApplyRoutePlanResult = Static<typeof ApplyResult>;

/** POST /api/route-optimisation/apply: applies a previewed plan; 409 PLAN_OUT_OF_DATE when the day changed since. */
export const applyRoutePlan = (body: Static<typeof ApplyBody>) => api<ApplyRoutePlanResult>('POST', '/api/route-optimisation/apply', body);

export function useApplyRoutePlan() {
  const queryClient = useQueryClient();
  // Visits moved: every job list and job page may show old technicians or windows.
  return useMutation({ mutationFn: applyRoutePlan, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }) });
}
