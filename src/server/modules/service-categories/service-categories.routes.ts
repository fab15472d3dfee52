import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors, Id, NonEmpty, Nullable, Strict } from '../../lib/schemas.js';
import { asStaff } from '../accounts/principal.js';

const SlaMinutes = Type.Object(
  {
    emergency: Type.Integer({ minimum: 1, maximum: 525600 }),
    high: Type.Integer({ minimum: 1, maximum: 525600 }),
    normal: Type.Integer({ minimum: 1, maximum: 525600 }),
    low: Type.Integer({ minimum: 1, maximum: 525600 }),
  },
  { ...Strict, description: 'Minutes from request to arrival promised for each priority', examples: [{ emergency: 240, high: 1440, normal: 4320, low: 10080 }] },
);
const Category = Type.Object({
  id: Id,
  name: Type.String(),
  description: Nullable(Type.String()),
  defaultDurationMinutes: Type.Integer(),
  requiredSkills: Type.Array(Type.String()),
  slaMinutes: SlaMinutes,
  active: Type.Boolean(),
});
const Fields = {
  name: NonEmpty(120, { examples: ['Boiler repair'] }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  defaultDurationMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60, examples: [90] }),
  requiredSkills: Type.Optional(Type.Array(NonEmpty(60), { maxItems: 20, examples: [['gas-safe']] })),
  slaMinutes: Type.Optional(SlaMinutes),
  active: Type.Optional(Type.Boolean()),
};

/** The service catalogue. */
export const serviceCategoriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { categories } = app.services;

  app.get(
    '/api/service-categories',
    { schema: { tags: ['Service catalogue'], summary: 'Service categories with durations, skills and SLAs', response: { 200: Type.Object({ items: Type.Array(Category) }), ...errors(401, 403) } } },
    async (request) => ({ items: await categories.list(asStaff(request.principal).companyId) }),
  );

  app.post(
    '/api/service-categories',
    { schema: { tags: ['Service catalogue'], summary: 'Adds a service category', body: Type.Object(Fields, Strict), response: { 201: Category, ...errors(400, 401, 403, 409) } } },
    async (request, reply) => reply.status(201).send(await categories.create(asStaff(request.principal).companyId, request.body)),
  );

  app.patch(
    '/api/service-categories/:categoryId',
    {
      schema: {
        tags: ['Service catalogue'],
        summary: 'Changes a service category',
        params: Type.Object({ categoryId: Id }),
        body: Type.Partial(Type.Object(Fields, Strict)),
        response: { 200: Category, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => categories.update(asStaff(request.principal).companyId, request.params.categoryId, request.body),
  );
};
