import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors, Id, Strict } from '../../lib/schemas.js';
import { Category, CategoryFields as Fields } from './service-categories.schemas.js';
import { asStaff } from '../accounts/principal.js';

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
