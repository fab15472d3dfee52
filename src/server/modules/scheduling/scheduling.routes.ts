import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors, Id } from '../../lib/schemas.js';
import { asStaff } from '../accounts/principal.js';
import {
  BookingPolicyPatch,
  BookingPolicySchema,
  StaffAvailability,
  StaffAvailabilityQuery,
  TechnicianTerritoriesBody,
  TerritoriesBody,
  Territory,
  TimeOff,
  TimeOffBody,
  TimeOffDeleteQuery,
  TimeOffListQuery,
  WorkingHours,
  WorkingHoursBody,
} from './scheduling.schemas.js';

const TechnicianParams = Type.Object({ userId: Id });

/** The console's side of self-scheduling: configuration and the availability board. The portal's side is in portal.routes.ts. */
export const schedulingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { scheduling } = app.services;
  const tags = ['Scheduling'];

  app.get(
    '/api/availability',
    {
      schema: {
        tags,
        summary: 'Bookable arrival windows for a visit (service category, address, days), each with the technicians who could take it and the suggested one (least added travel)',
        querystring: StaffAvailabilityQuery,
        response: { 200: StaffAvailability, ...errors(400, 401, 403) },
      },
    },
    async (request) => scheduling.staffAvailability(asStaff(request.principal).companyId, request.query),
  );

  app.get(
    '/api/booking-policy',
    { schema: { tags, summary: "The company's booking policy (defaults until an admin sets it)", response: { 200: BookingPolicySchema, ...errors(401, 403) } } },
    async (request) => scheduling.policyView(asStaff(request.principal).companyId),
  );

  app.patch(
    '/api/booking-policy',
    { schema: { tags, summary: 'Changes the booking policy: window length, lead time, horizon, cut-offs, buffer, choice of technician', body: BookingPolicyPatch, response: { 200: BookingPolicySchema, ...errors(400, 401, 403) } } },
    async (request) => scheduling.updatePolicy(asStaff(request.principal).companyId, request.body),
  );

  app.get(
    '/api/technicians/:userId/working-hours',
    { schema: { tags, summary: "A technician's working week, in the company's time zone", params: TechnicianParams, response: { 200: WorkingHours, ...errors(401, 403, 404) } } },
    async (request) => scheduling.workingHours(asStaff(request.principal).companyId, request.params.userId),
  );

  app.put(
    '/api/technicians/:userId/working-hours',
    {
      schema: { tags, summary: "Replaces a technician's working week (several intervals per day allowed; empty: the default week)", params: TechnicianParams, body: WorkingHoursBody, response: { 200: WorkingHours, ...errors(400, 401, 403, 404) } },
    },
    async (request) => scheduling.setWorkingHours(asStaff(request.principal).companyId, request.params.userId, request.body.hours),
  );

  app.get(
    '/api/technicians/:userId/time-off',
    {
      schema: { tags, summary: "A technician's time off that has not ended (or overlapping from–to)", params: TechnicianParams, querystring: TimeOffListQuery, response: { 200: Type.Object({ items: Type.Array(TimeOff) }), ...errors(400, 401, 403, 404) } },
    },
    async (request) => ({ items: await scheduling.listTimeOff(asStaff(request.principal).companyId, request.params.userId, request.query) }),
  );

  app.post(
    '/api/technicians/:userId/time-off',
    { schema: { tags, summary: 'Adds time off: no customer can book the technician then', params: TechnicianParams, body: TimeOffBody, response: { 201: TimeOff, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await scheduling.addTimeOff(asStaff(request.principal).companyId, request.params.userId, request.body)),
  );

  app.delete(
    '/api/technicians/:userId/time-off',
    { schema: { tags, summary: 'Removes one time-off entry (?id=)', params: TechnicianParams, querystring: TimeOffDeleteQuery, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await scheduling.removeTimeOff(asStaff(request.principal).companyId, request.params.userId, request.query.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/technicians/:userId/territories',
    {
      schema: {
        tags,
        summary: 'Sets the territories a technician serves (none: everywhere)',
        params: TechnicianParams,
        body: TechnicianTerritoriesBody,
        response: { 200: Type.Object({ technicianId: Id, territoryIds: Type.Array(Id) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => scheduling.setTechnicianTerritories(asStaff(request.principal).companyId, request.params.userId, request.body.territoryIds),
  );

  app.get(
    '/api/territories',
    { schema: { tags, summary: 'Territories: postal codes and/or a polygon, with the technicians who serve each', response: { 200: Type.Object({ items: Type.Array(Territory) }), ...errors(401, 403) } } },
    async (request) => ({ items: await scheduling.territories(asStaff(request.principal).companyId) }),
  );

  app.put(
    '/api/territories',
    {
      schema: {
        tags,
        summary: 'Saves all territories at once: items with an id are updated, without one created, missing ones deleted',
        body: TerritoriesBody,
        response: { 200: Type.Object({ items: Type.Array(Territory) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => ({ items: await scheduling.saveTerritories(asStaff(request.principal).companyId, request.body.items) }),
  );
};
