import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, Email, errors, Id, LocationInput, NonEmpty, Nullable, Phone, PriorityEnum, Strict, TimeWindow } from '../../lib/schemas.js';
import { asIntegration, asStaff } from '../accounts/principal.js';

const ApiKey = Type.Object({ id: Id, name: Type.String(), prefix: Type.String(), createdAt: DateTime, lastUsedAt: Nullable(DateTime), revokedAt: Nullable(DateTime) });
const Source = Type.Object({ id: Id, name: Type.String(), kind: Type.Enum(['company', 'portal', 'third_party']), hideTechnicianBios: Type.Boolean(), apiKeys: Type.Array(ApiKey) });
const IntakeJob = Type.Object({
  id: Id,
  reference: Type.String({ examples: ['ARV-26-00042'] }),
  status: Type.String(),
  externalRef: Nullable(Type.String()),
  createdAt: DateTime,
});

/** Job sources, their API keys, and the intake API third parties call. */
export const integrationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sources, intake } = app.services;

  app.get(
    '/api/job-sources',
    { schema: { tags: ['Integrations'], summary: 'Where jobs come from, with their API keys (never the keys themselves)', response: { 200: Type.Object({ items: Type.Array(Source) }), ...errors(401, 403) } } },
    async (request) => ({ items: await sources.list(asStaff(request.principal).companyId) }),
  );

  app.post(
    '/api/job-sources',
    {
      schema: {
        tags: ['Integrations'],
        summary: 'Adds a third-party job source, e.g. a home-warranty network',
        body: Type.Object({ name: NonEmpty(120, { examples: ['HomeShield Warranty'] }), hideTechnicianBios: Type.Optional(Type.Boolean()) }, Strict),
        response: { 201: Source, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await sources.create(asStaff(request.principal).companyId, request.body)),
  );

  app.patch(
    '/api/job-sources/:sourceId',
    {
      schema: {
        tags: ['Integrations'],
        summary: "Renames a source or changes whether its customers see technicians' bios",
        params: Type.Object({ sourceId: Id }),
        body: Type.Object({ name: Type.Optional(NonEmpty(120)), hideTechnicianBios: Type.Optional(Type.Boolean()) }, Strict),
        response: { 200: Source, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sources.update(asStaff(request.principal).companyId, request.params.sourceId, request.body),
  );

  app.post(
    '/api/job-sources/:sourceId/api-keys',
    {
      schema: {
        tags: ['Integrations'],
        summary: 'Creates an API key for a source; the key is shown in this answer only',
        params: Type.Object({ sourceId: Id }),
        body: Type.Object({ name: NonEmpty(120, { examples: ['Production'] }) }, Strict),
        response: { 201: Type.Object({ id: Id, name: Type.String(), prefix: Type.String(), key: Type.String(), createdAt: DateTime }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await sources.createApiKey(asStaff(request.principal).companyId, request.params.sourceId, request.body.name)),
  );

  app.delete(
    '/api/job-sources/:sourceId/api-keys/:apiKeyId',
    { schema: { tags: ['Integrations'], summary: 'Revokes an API key', params: Type.Object({ sourceId: Id, apiKeyId: Id }), response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await sources.revokeApiKey(asStaff(request.principal).companyId, request.params.sourceId, request.params.apiKeyId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/intake/jobs',
    {
      schema: {
        tags: ['Integrations'],
        summary: 'Creates a job from a third-party source (Authorization: Bearer <API key>). With an Idempotency-Key header a retry creates nothing and gets the same answer (marked Idempotent-Replayed: true)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, examples: ['claim-88123-attempt'] })) }),
        body: Type.Object(
          {
            externalRef: Type.Optional(Type.String({ maxLength: 100, examples: ['CLAIM-88123'] })),
            categoryId: Id,
            priority: PriorityEnum,
            description: NonEmpty(5000, { examples: ['Dishwasher does not drain'] }),
            customer: Type.Object(
              {
                name: NonEmpty(200),
                kind: Type.Optional(Type.Enum(['organisation', 'household'])),
                contact: Type.Object({ name: NonEmpty(120), email: Type.Optional(Email), phone: Type.Optional(Phone), language: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })) }, Strict),
              },
              Strict,
            ),
            location: LocationInput,
            preferredWindows: Type.Optional(Type.Array(TimeWindow, { maxItems: 5 })),
            notificationsEnabled: Type.Optional(Type.Boolean()),
          },
          Strict,
        ),
        response: { 201: IntakeJob, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await intake.createJob(asIntegration(request.principal), request.body, request.headers['idempotency-key']);
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.status(result.status as 201).send(result.body);
    },
  );

  app.get(
    '/api/intake/jobs/:jobId',
    {
      schema: {
        tags: ['Integrations'],
        summary: 'The status of a job this source sent',
        params: Type.Object({ jobId: Id }),
        response: { 200: Type.Object({ id: Id, reference: Type.String(), status: Type.String(), externalRef: Nullable(Type.String()), createdAt: DateTime, updatedAt: DateTime }), ...errors(401, 403, 404) },
      },
    },
    async (request) => intake.status(asIntegration(request.principal), request.params.jobId),
  );

};
