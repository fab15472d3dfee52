import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { AssignmentRuleSchema, DispatchRulesView } from '../../../../server/modules/dispatch/dispatch.schemas.js';

export type DispatchRules = Static<typeof DispatchRulesView>;
export type AssignmentRule = Static<typeof AssignmentRuleSchema>;

/** GET /api/dispatch/rules: auto-assignment on/off and the rules in priority order. */
export const getDispatchRules = () => api<DispatchRules>('GET', '/api/dispatch/rules');
export const dispatchRulesQuery = () => queryOptions({ queryKey: ['dispatch-rules'], queryFn: getDispatchRules });
export const useDispatchRules = () => useQuery(dispatchRulesQuery());
