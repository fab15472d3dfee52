import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Defaulted, errors, Id, Location, LocationInput, NonEmpty, Strict } from '../../lib/schemas.js';
import { Contact, ContactInput, CustomerDetail, CustomerKind, CustomerListItem } from './customers.schemas.js';
import { asStaff } from '../accounts/principal.js';

/** Customers, their contacts and service locations, for the office. */
export const customersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { customers } = app.services;

  app.get(
    '/api/customers',
    {
      schema: {
        tags: ['Customers'],
        summary: 'Customers by name, searchable by name, contact name or email, filtered by kind',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(CustomerKind), limit: Defaulted(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), offset: Defaulted(Type.Integer({ minimum: 0, default: 0 })) }, Strict),
        response: { 200: Type.Object({ items: Type.Array(CustomerListItem) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => ({ items: await customers.list(asStaff(request.principal).companyId, request.query) }),
  );

  app.post(
    '/api/customers',
    {
      schema: {
        tags: ['Customers'],
        summary: 'Adds a customer with its contacts and locations',
        body: Type.Object(
          {
            kind: CustomerKind,
            name: NonEmpty(200, { examples: ['García household'] }),
            contacts: Type.Optional(Type.Array(ContactInput, { maxItems: 50 })),
            locations: Type.Optional(Type.Array(LocationInput, { maxItems: 50 })),
          },
          Strict,
        ),
        response: { 201: CustomerDetail, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await customers.create(asStaff(request.principal).companyId, request.body)),
  );

  app.get(
    '/api/customers/:customerId',
    { schema: { tags: ['Customers'], summary: 'A customer with contacts and locations', params: Type.Object({ customerId: Id }), response: { 200: CustomerDetail, ...errors(401, 403, 404) } } },
    async (request) => customers.detail(asStaff(request.principal).companyId, request.params.customerId),
  );

  app.post(
    '/api/customers/:customerId/contacts',
    { schema: { tags: ['Customers'], summary: 'Adds a contact person', params: Type.Object({ customerId: Id }), body: ContactInput, response: { 201: Contact, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await customers.addContact(asStaff(request.principal).companyId, request.params.customerId, request.body)),
  );

  app.post(
    '/api/customers/:customerId/locations',
    { schema: { tags: ['Customers'], summary: 'Adds a service location', params: Type.Object({ customerId: Id }), body: LocationInput, response: { 201: Location, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await customers.addLocation(asStaff(request.principal).companyId, request.params.customerId, request.body)),
  );
};
