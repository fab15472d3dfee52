import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api, queryString } from '../../../lib/api-client.js';
import type { AssignmentSuggestions as AssignmentSuggestionsSchema } from '../../../../server/modules/dispatch/dispatch.schemas.js';

export type AssignmentSuggestions = Static<typeof AssignmentSuggestionsSchema>;
export type RankedTechnician = AssignmentSuggestions['candidates'][number];

/** GET /api/jobs/:jobId/assignment-suggestions: technicians ranked by the dispatch rules for the job's visit, each with the reason. */
export const getAssignmentSuggestions = (jobId: string) => api<AssignmentSuggestions>('GET', `/api/jobs/${jobId}/assignment-suggestions`);
/** Keyed on the job's last change, so a reassignment or a move brings a fresh ranking. */
export const assignmentSuggestionsQuery = (jobId: string, version: string) =>
  queryOptions({ queryKey: ['job', jobId, 'assignment-suggestions', version], queryFn: () => getAssignmentSuggestions(jobId) });
export const useAssignmentSuggestions = (jobId: string, version: string) => useQuery(assignmentSuggestionsQuery(jobId, version));

/** The ranking for a window the dispatcher is about to book (the schedule dialog). */
export const getWindowSuggestions = (jobId: string, window: { windowStart: string; windowEnd: string }) =>
  api<AssignmentSuggestions>('GET', `/api/jobs/${jobId}/assignment-suggestions${queryString(window)}`);
export const useWindowSuggestions = (jobId: string, window: { windowStart: string; windowEnd: string } | null) =>
  useQuery({
    queryKey: ['job', jobId, 'assignment-suggestions', 'window', window],
    queryFn: () => getWindowSuggestions(jobId, window!),
    enabled: window !== null,
    staleTime: 30_000,
  });
