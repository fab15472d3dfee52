import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../lib/schemas.js';
import { asStaff, asTechnician } from '../accounts/principal.js';
import { LocationBatch, LocationResult, TechnicianPosition } from './tracking.schemas.js';

/** The technician's device reporting its location, and the console's map of technicians. */
export const trackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { tracking } = app.services;

  app.post(
    '/api/technician/location',
    {
      schema: {
        tags: ['Technician view'],
        summary: 'Shares the device’s location while on the way to a visit (batched); each rejected point comes back with its reason',
        body: LocationBatch,
        response: { 200: LocationResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => tracking.postLocation(asTechnician(request.principal), request.body),
  );

  app.get(
    '/api/tracking/technicians',
    {
      schema: {
        tags: ['Tracking'],
        summary: 'Each technician’s last known position (last 12 hours) and the job they are driving to or working on',
        response: { 200: Type.Object({ items: Type.Array(TechnicianPosition) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await tracking.technicianPositions(asStaff(request.principal).companyId) }),
  );
};
