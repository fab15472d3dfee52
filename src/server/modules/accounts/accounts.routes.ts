import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../lib/errors.js';
import { DateTime, Email, errors, Id, NonEmpty, Ok, Password, Strict } from '../../lib/schemas.js';
import { JOB_LINK_COOKIE, SESSION_COOKIE, jobLinkCookieOptions, sessionCookieOptions } from '../../plugins/auth.js';
import { asStaff } from './principal.js';

const StaffRole = Type.Enum(['admin', 'dispatcher', 'technician']);
const Language = Type.Enum(['en', 'es', 'fr'], { description: 'The language of their notifications' });
const User = Type.Object({ id: Id, email: Type.String(), name: Type.String(), role: StaffRole, language: Type.String(), active: Type.Boolean(), createdAt: DateTime });
const Token = Type.String({ minLength: 10, maxLength: 200 });

/** Sign-in and sign-out for staff and customers, staff users, and redeeming job links. */
export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { accounts } = app.services;
  const { config } = app;

  app.post(
    '/api/auth/sign-in',
    {
      config: { rateLimit: { max: 20, timeWindow: '15 minutes' } },
      schema: {
        tags: ['Accounts'],
        summary: 'Staff sign-in with email and password; sets the session cookie',
        body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, Strict),
        response: { 200: Type.Object({ user: User, expiresAt: DateTime }), ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { token, user, expiresAt } = await accounts.signInStaff(request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config, expiresAt));
      return { user, expiresAt };
    },
  );

  app.post(
    '/api/auth/sign-out',
    { schema: { tags: ['Accounts'], summary: 'Ends the current session (staff or customer)', response: { 200: Ok, ...errors(401) } } },
    async (request, reply) => {
      const principal = request.principal;
      if ('sessionId' in principal) await accounts.signOut(principal.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['Accounts'], summary: 'The signed-in staff user', response: { 200: Type.Object({ id: Id, name: Type.String(), email: Type.String(), role: StaffRole, companyId: Id }), ...errors(401, 403) } } },
    async (request) => {
      const staff = asStaff(request.principal);
      return { id: staff.userId, name: staff.name, email: staff.email, role: staff.role, companyId: staff.companyId };
    },
  );

  app.get(
    '/api/users',
    { schema: { tags: ['Accounts'], summary: "The company's staff users", response: { 200: Type.Object({ items: Type.Array(User) }), ...errors(401, 403) } } },
    async (request) => ({ items: await accounts.listUsers(asStaff(request.principal).companyId) }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Adds a staff user (admin, dispatcher or technician) with a first password',
        body: Type.Object({ email: Email, name: NonEmpty(120), role: StaffRole, password: Password, language: Type.Optional(Language) }, Strict),
        response: { 201: User, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await accounts.createUser(asStaff(request.principal).companyId, request.body)),
  );

  app.patch(
    '/api/users/:userId',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Renames, deactivates or sets a new password for a staff user (ends their sessions on deactivation or password change)',
        params: Type.Object({ userId: Id }),
        body: Type.Object({ name: Type.Optional(NonEmpty(120)), active: Type.Optional(Type.Boolean()), password: Type.Optional(Password), language: Type.Optional(Language) }, Strict),
        response: { 200: User, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => accounts.updateUser(asStaff(request.principal).companyId, request.params.userId, request.body),
  );

  app.post(
    '/api/portal/sign-in-links',
    {
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags: ['Portal'],
        summary: 'E-mails a single-use sign-in link (valid 15 minutes) to a known contact; answers the same for unknown addresses',
        body: Type.Object({ company: NonEmpty(60, { description: "The company's slug", examples: ['acme-heating'] }), email: Email }, Strict),
        response: { 202: Type.Object({ message: Type.String() }), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await accounts.requestCustomerSignInLink(request.body.company, request.body.email);
      return reply.status(202).send({ message: 'If this address belongs to a customer, a sign-in link is on its way. It works once, for 15 minutes.' });
    },
  );

  app.post(
    '/api/portal/sign-in',
    {
      config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
      schema: {
        tags: ['Portal'],
        summary: "Redeems a sign-in link's token (by POST, so mail scanners that open links do not use it up); sets the session cookie",
        body: Type.Object({ token: Token }, Strict),
        response: { 200: Type.Object({ contact: Type.Object({ id: Id, name: Type.String(), customerId: Id }), expiresAt: DateTime }), ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, contact } = await accounts.redeemCustomerSignIn(request.body.token);
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config, expiresAt));
      return { contact: { id: contact.id, name: contact.name, customerId: contact.customer_id }, expiresAt };
    },
  );

  app.post(
    '/api/portal/job-links/redeem',
    {
      config: { rateLimit: { max: 60, timeWindow: '15 minutes' } },
      schema: {
        tags: ['Portal'],
        summary: "Moves a job link's token out of the URL into a cookie scoped to that job's API",
        body: Type.Object({ token: Token }, Strict),
        response: { 200: Type.Object({ jobId: Id }), ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const link = await accounts.resolveJobLink(request.body.token);
      if (!link) throw new AppError(401, 'JOB_LINK_INVALID', 'This link has expired or was withdrawn. Ask for a new one.');
      reply.header('Referrer-Policy', 'no-referrer');
      reply.setCookie(JOB_LINK_COOKIE, request.body.token, jobLinkCookieOptions(config, link.jobId));
      return { jobId: link.jobId };
    },
  );
};
