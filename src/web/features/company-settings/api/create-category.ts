import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ServiceCategory } from '../../../lib/api-types.js';
import type { CategoryInput } from './get-categories.js';

export const createCategory = (input: CategoryInput) => api<ServiceCategory>('POST', '/api/service-categories', input);

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createCategory, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['service-categories'] }) });
}
