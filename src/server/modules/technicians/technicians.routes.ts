import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Defaulted, errors, Id, NonEmpty, Nullable, Phone, Strict } from '../../lib/schemas.js';
import { asStaff, asTechnician } from '../accounts/principal.js';
import { HomeBase, Technician } from './technicians.schemas.js';
import { TechnicianAppointment } from './technician-day.schemas.js';
import { DateTime as LuxonDateTime } from 'luxon';

const AppointmentParams = Type.Object({ appointmentId: Id });
const AttachmentIds = Defaulted(Type.Array(Id, { maxItems: 10, default: [] }));

/** Technicians' profiles and bio approval (office), and the technician's own day and steps. */
export const techniciansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { technicians, jobs, companies } = app.services;

  app.get(
    '/api/technicians',
    { schema: { tags: ['Technicians'], summary: 'Technicians with skills, home base and bio status', response: { 200: Type.Object({ items: Type.Array(Technician) }), ...errors(401, 403) } } },
    async (request) => ({ items: await technicians.list(asStaff(request.principal).companyId) }),
  );

  app.patch(
    '/api/technicians/:userId/profile',
    {
      schema: {
        tags: ['Technicians'],
        summary: "Edits a technician's profile (technicians only their own). A changed bio waits for a dispatcher's approval",
        params: Type.Object({ userId: Id }),
        body: Type.Object(
          {
            phone: Type.Optional(Nullable(Phone)),
            photoUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
            bio: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            skills: Type.Optional(Type.Array(NonEmpty(60), { maxItems: 50 })),
            homeBase: Type.Optional(HomeBase),
          },
          Strict,
        ),
        response: { 200: Technician, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => technicians.updateProfile(asStaff(request.principal), request.params.userId, request.body),
  );

  app.post(
    '/api/technicians/:userId/bio/approve',
    { schema: { tags: ['Technicians'], summary: "Approves a technician's bio so customers can see it", params: Type.Object({ userId: Id }), response: { 200: Technician, ...errors(401, 403, 404) } } },
    async (request) => technicians.approveBio(asStaff(request.principal), request.params.userId),
  );

  app.get(
    '/api/technician/appointments',
    {
      schema: {
        tags: ['Technician view'],
        summary: "The signed-in technician's visits for a day (the company's local date; today by default), in order",
        querystring: Type.Object({ date: Type.Optional(Type.String({ format: 'date', examples: ['2026-01-14'] })) }, Strict),
        response: { 200: Type.Object({ date: Type.String(), items: Type.Array(TechnicianAppointment) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const technician = asTechnician(request.principal);
      const company = await companies.requireCompany(technician.companyId);
      const day = request.query.date
        ? LuxonDateTime.fromISO(request.query.date, { zone: company.timezone })
        : LuxonDateTime.fromJSDate(app.clock.now(), { zone: company.timezone }).startOf('day');
      const from = day.startOf('day');
      const to = from.plus({ days: 1 });
      return { date: from.toISODate()!, items: await jobs.technicianAppointments(technician.companyId, technician.userId, from.toUTC().toISO()!, to.toUTC().toISO()!) };
    },
  );

  app.get(
    '/api/technician/appointments/:appointmentId',
    {
      schema: {
        tags: ['Technician view'],
        summary: "One of the signed-in technician's visits, on any day",
        params: AppointmentParams,
        response: { 200: TechnicianAppointment, ...errors(401, 403, 404) },
      },
    },
    async (request) => jobs.technicianVisit(asTechnician(request.principal), request.params.appointmentId),
  );

  const step = (path: string, action: 'set_out' | 'start' | 'resume', summary: string) =>
    app.post(path, { schema: { tags: ['Technician view'], summary, params: AppointmentParams, response: { 200: TechnicianAppointment, ...errors(401, 403, 404, 409) } } }, async (request) =>
      jobs.technicianStep(asTechnician(request.principal), request.params.appointmentId, action),
    );
  step('/api/technician/appointments/:appointmentId/on-my-way', 'set_out', 'On my way: the customer is told the technician is coming');
  step('/api/technician/appointments/:appointmentId/start', 'start', 'Starts the visit (location sharing ends)');
  step('/api/technician/appointments/:appointmentId/resume', 'resume', 'Resumes a paused visit');

  app.post(
    '/api/technician/appointments/:appointmentId/pause',
    {
      schema: {
        tags: ['Technician view'],
        summary: 'Pauses the visit with a message the customer sees (waiting for parts, follow-up needed)',
        params: AppointmentParams,
        body: Type.Object({ message: NonEmpty(1000, { examples: ['Waiting for a replacement motor; we will book a follow-up visit.'] }) }, Strict),
        response: { 200: TechnicianAppointment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => jobs.technicianStep(asTechnician(request.principal), request.params.appointmentId, 'pause', request.body),
  );

  app.post(
    '/api/technician/appointments/:appointmentId/complete',
    {
      schema: {
        tags: ['Technician view'],
        summary: 'Completes the job with notes and photos (uploaded first with POST /api/uploads)',
        params: AppointmentParams,
        body: Type.Object({ notes: Defaulted(Type.String({ maxLength: 5000, default: '' })), attachmentIds: AttachmentIds }, Strict),
        response: { 200: TechnicianAppointment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => jobs.technicianStep(asTechnician(request.principal), request.params.appointmentId, 'complete', request.body),
  );
};
