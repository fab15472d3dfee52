import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Priority, StaffJob } from '../../../lib/api-types.js';

export interface CreateJobInput {
  customerId: string;
  locationId: string;
  categoryId: string;
  priority: Priority;
  description: string;
  contactIds?: string[];
  notificationsEnabled?: boolean;
  preferredWindows?: { start: string; end: string }[];
}

export const createJob = (input: CreateJobInput) => api<StaffJob>('POST', '/api/jobs', input);

export function useCreateJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createJob,
    onSuccess: (job) => {
      queryClient.setQueryData(['job', job.id], job);
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
}
