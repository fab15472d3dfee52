import { api } from '../../../lib/api-client.js';

/**
 * Trades the job link carried in the survey address's fragment for the job's cookie (the same
 * exchange as /j/<token>, decision 003); answers which job it opens.
 */
export const redeemSurveyLink = (token: string) => api<{ jobId: string }>('POST', '/api/portal/job-links/redeem', { token });
