import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { customerSurveyQuery } from './get-customer-survey.js';
import type { CustomerSurvey, SurveyAnswer } from './types.js';

/** PUT /api/portal/jobs/:jobId/survey — gives or changes the answer (409 before completion, or once it can no longer change). */
export const answerSurvey = (jobId: string, answer: SurveyAnswer) => api<CustomerSurvey>('PUT', `/api/portal/jobs/${jobId}/survey`, answer);

export function useAnswerSurvey(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: SurveyAnswer) => answerSurvey(jobId, answer),
    onSuccess: (survey) => queryClient.setQueryData(customerSurveyQuery(jobId).queryKey, survey),
  });
}
