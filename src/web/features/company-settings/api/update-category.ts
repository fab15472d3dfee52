import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ServiceCategory } from '../../../lib/api-types.js';
import type { CategoryInput } from './get-categories.js';

export const updateCategory = ({ id, ...patch }: Partial<CategoryInput> & { id: string }) => api<ServiceCategory>('PATCH', `/api/service-categories/${id}`, patch);

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateCategory, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['service-categories'] }) });
}
