import { api } from '../../../lib/api-client.js';

/** Trades a job link's token for a cookie scoped to that job's API; answers which job it opens. */
export const redeemJobLink = (token: string) => api<{ jobId: string }>('POST', '/api/portal/job-links/redeem', { token });
