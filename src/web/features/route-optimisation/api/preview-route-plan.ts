import { useMutation } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { PreviewBody, RoutePlanView } from '../../../../server/modules/route-optimisation/route-optimisation.schemas.js';

export type RoutePlan = Static<typeof RoutePlanView>;
export type RoutePlanRequest = Static<typeof PreviewBody>;
export type PlannedTechnician = RoutePlan['technicians'][number];
export type PlannedStop = PlannedTechnician['after']['stops'][number];

/** POST /api/route-optimisation/preview: runs the optimiser on a day; nothing changes yet. */
export const previewRoutePlan = (body: RoutePlanRequest) => api<RoutePlan>('POST', '/api/route-optimisation/preview', body);

export const usePreviewRoutePlan = () => useMutation({ mutationFn: previewRoutePlan });
