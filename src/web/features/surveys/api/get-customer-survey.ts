import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerSurvey } from './types.js';

/** GET /api/portal/jobs/:jobId/survey — whether the job's survey is open, and the answer given. */
export const getCustomerSurvey = (jobId: string) => api<CustomerSurvey>('GET', `/api/portal/jobs/${jobId}/survey`);

export const customerSurveyQuery = (jobId: string) => queryOptions({ queryKey: ['portal-survey', jobId], queryFn: () => getCustomerSurvey(jobId) });

export const useCustomerSurvey = (jobId: string, enabled = true) => useQuery({ ...customerSurveyQuery(jobId), enabled });
