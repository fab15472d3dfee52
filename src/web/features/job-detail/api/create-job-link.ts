import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export const createJobLink = (jobId: string, contactId: string) => api<{ id: string; url: string }>('POST', `/api/jobs/${jobId}/links`, { contactId });
export const useCreateJobLink = (jobId: string) => useMutation({ mutationFn: (contactId: string) => createJobLink(jobId, contactId) });
