import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { DispatchRulesBody } from '../../../../server/modules/dispatch/dispatch.schemas.js';
import type { DispatchRules } from './get-dispatch-rules.js';

export type DispatchRulesInput = Static<typeof DispatchRulesBody>;

/** PUT /api/dispatch/rules (admins): every rule once, in priority order; answers with the rules as saved. */
export const saveDispatchRules = (input: DispatchRulesInput) => api<DispatchRules>('PUT', '/api/dispatch/rules', input);

export function useSaveDispatchRules() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveDispatchRules, onSuccess: (saved) => queryClient.setQueryData(['dispatch-rules'], saved) });
}
