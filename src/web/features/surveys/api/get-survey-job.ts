import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';

/** GET /api/portal/jobs/:jobId — the job the survey is about (its reference, service, company and branding). */
export const getSurveyJob = (jobId: string) => api<CustomerJob>('GET', `/api/portal/jobs/${jobId}`);

// The job page's query key: the survey page and the job page share what they loaded.
export const surveyJobQuery = (jobId: string) => queryOptions({ queryKey: ['portal-job', jobId], queryFn: () => getSurveyJob(jobId) });

export const useSurveyJob = (jobId: string, enabled = true) => useQuery({ ...surveyJobQuery(jobId), enabled });
