import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { TerritoriesBody } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import type { Territory } from './get-territories.js';

export type TerritoryInput = Static<typeof TerritoriesBody>['items'][number];

/** PUT /api/territories (admins): the whole list; items without an id are created, territories left out deleted. */
export const saveTerritories = (items: TerritoryInput[]) => api<{ items: Territory[] }>('PUT', '/api/territories', { items });

export function useSaveTerritories() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveTerritories, onSuccess: (saved) => queryClient.setQueryData(['territories'], saved) });
}
