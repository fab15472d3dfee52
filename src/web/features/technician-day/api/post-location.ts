import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { LocationBatch, LocationResult as LocationResultSchema } from '../../../../server/modules/tracking/tracking.schemas.js';

export type LocationPoint = Static<typeof LocationBatch>['points'][number];
export type LocationResult = Static<typeof LocationResultSchema>;

/** POST /api/technician/location: a batch of the device's positions on the way to one visit. */
export const postLocation = (appointmentId: string, points: LocationPoint[]) => api<LocationResult>('POST', '/api/technician/location', { appointmentId, points });
