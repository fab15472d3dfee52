import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StaffSurvey } from './types.js';

/** GET /api/jobs/:jobId/survey — the customer's answer to the job's survey, for the office. */
export const getJobSurvey = (jobId: string) => api<StaffSurvey>('GET', `/api/jobs/${jobId}/survey`);

export const jobSurveyQuery = (jobId: string) => queryOptions({ queryKey: ['job-survey', jobId], queryFn: () => getJobSurvey(jobId) });

export const useJobSurvey = (jobId: string) => useQuery(jobSurveyQuery(jobId));
