import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Email, errors, NonEmpty, Nullable, Password, Phone, Strict } from '../../lib/schemas.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../plugins/auth.js';
import { asStaff } from '../accounts/principal.js';

const Slug = Type.String({ minLength: 2, maxLength: 60, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Lower-case letters, digits and dashes', examples: ['acme-heating'] });
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', examples: ['#0f62fe'] });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone', examples: ['America/Chicago'] });
const Locale = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', examples: ['en', 'es-MX'] });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', examples: ['USD'] });

const Company = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  logoUrl: Nullable(Type.String()),
  brandColor: Type.String(),
  timezone: Type.String(),
  locale: Type.String(),
  currency: Type.String(),
  referencePrefix: Type.String(),
});

const Branding = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  logoUrl: Nullable(Type.String()),
  brandColor: Type.String(),
  phone: Nullable(Type.String()),
  locale: Type.String(),
  timezone: Type.String(),
});

/** First-run set-up, the company's settings and its public branding. */
export const companiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { companies, accounts } = app.services;

  app.get(
    '/api/setup',
    { schema: { tags: ['Set-up'], summary: 'Whether this installation still needs its first company', response: { 200: Type.Object({ needed: Type.Boolean() }) } } },
    async () => ({ needed: await companies.setupNeeded() }),
  );

  app.post(
    '/api/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags: ['Set-up'],
        summary: 'Creates the first company and its admin with the one-time set-up token printed at start; signs the admin in',
        body: Type.Object(
          {
            token: Type.String({ minLength: 10, maxLength: 200 }),
            company: Type.Object(
              {
                name: NonEmpty(120, { examples: ['Acme Heating & Cooling'] }),
                slug: Slug,
                timezone: TimeZone,
                phone: Type.Optional(Phone),
                email: Type.Optional(Email),
                brandColor: Type.Optional(Color),
                locale: Type.Optional(Locale),
                currency: Type.Optional(Currency),
                referencePrefix: Type.Optional(Type.String({ pattern: '^[A-Z]{2,5}$', examples: ['ARV'] })),
              },
              Strict,
            ),
            admin: Type.Object({ name: NonEmpty(120), email: Email, password: Password }, Strict),
          },
          Strict,
        ),
        response: { 201: Type.Object({ company: Company }), ...errors(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const { company, adminId } = await companies.completeSetup(request.body.token, request.body.company, request.body.admin);
      const session = await accounts.createSession(company.id, 'user', adminId);
      reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(app.config, session.expiresAt));
      return reply.status(201).send({ company });
    },
  );

  app.get(
    '/api/company',
    { schema: { tags: ['Company'], summary: "The signed-in user's company settings", response: { 200: Company, ...errors(401, 403) } } },
    async (request) => companies.requireCompany(asStaff(request.principal).companyId),
  );

  app.patch(
    '/api/company',
    {
      schema: {
        tags: ['Company'],
        summary: 'Changes name, contact details, branding, time zone, language or currency',
        body: Type.Object(
          {
            name: Type.Optional(NonEmpty(120)),
            phone: Type.Optional(Nullable(Phone)),
            email: Type.Optional(Nullable(Email)),
            logoUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
            brandColor: Type.Optional(Color),
            timezone: Type.Optional(TimeZone),
            locale: Type.Optional(Locale),
            currency: Type.Optional(Currency),
          },
          Strict,
        ),
        response: { 200: Company, ...errors(400, 401, 403) },
      },
    },
    async (request) => companies.update(asStaff(request.principal).companyId, request.body),
  );

  app.get(
    '/api/companies/:slug/branding',
    {
      schema: {
        tags: ['Company'],
        summary: "A company's public name, logo, colour and phone, for the portal's sign-in page",
        params: Type.Object({ slug: Slug }),
        response: { 200: Branding, ...errors(404) },
      },
    },
    async (request) => companies.branding(request.params.slug),
  );

  app.get(
    '/api/branding',
    {
      schema: {
        tags: ['Company'],
        summary: "The installation's company branding when it hosts exactly one company (404 otherwise), for portal pages opened without a company in their address",
        response: { 200: Branding, ...errors(404) },
      },
    },
    async () => companies.soleBranding(),
  );
};
