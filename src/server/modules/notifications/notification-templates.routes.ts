import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, errors, Nullable, Strict } from '../../lib/schemas.js';
import { asStaff } from '../accounts/principal.js';
import { LOCALES, TEMPLATE_KEYS } from './templates/template-catalog.js';
import { TEMPLATE_LIMITS } from './templates/template-renderer.js';

const TemplateKeyEnum = Type.Enum([...TEMPLATE_KEYS], { description: 'Which message', examples: ['appointment_scheduled'] });
const LocaleEnum = Type.Enum([...LOCALES], { description: 'The recipient’s language', examples: ['es'] });
const Params = Type.Object({ template: TemplateKeyEnum, locale: LocaleEnum });

const Subject = Type.String({ maxLength: TEMPLATE_LIMITS.subject, description: 'One line; `{{variables}}` allowed', examples: ['Su visita está programada: {{window}}'] });
const Body = Type.String({
  maxLength: TEMPLATE_LIMITS.body,
  description: 'Plain text; paragraphs separated by a blank line; `{{variables}}` allowed',
  examples: ['Hola, {{recipientName}}:\n\nSu visita está programada para el {{window}}.\n\n¿Preguntas? Llámenos al {{companyPhone}}.'],
});
const Sms = Type.String({ maxLength: TEMPLATE_LIMITS.sms, description: 'The SMS; empty to send none for this message', examples: ['{{companyName}}: su visita es el {{window}}. {{link}}'] });

const NotificationTemplate = Type.Object({
  template: TemplateKeyEnum,
  locale: LocaleEnum,
  audience: Type.Enum(['customer', 'staff'], { description: 'Who receives it: the customer’s contacts, or the company’s staff' }),
  subject: Type.String(),
  body: Type.String(),
  sms: Type.String(),
  action: Nullable(Type.String({ description: 'Label of the e-mail’s button to the job; not editable', examples: ['Check status'] })),
  customised: Type.Boolean({ description: 'True when the company uses its own wording rather than the default' }),
  updatedAt: Nullable(DateTime),
  variables: Type.Array(Type.String(), { description: 'The `{{variables}}` this message may use', examples: [['companyName', 'recipientName', 'reference', 'window']] }),
});

const Wording = Type.Object({ subject: Subject, body: Body, sms: Sms }, { ...Strict, description: 'Only `{{variable}}` is allowed: no sections, partials or raw output' });
const Draft = Type.Partial(Wording, { ...Strict, description: 'Unsaved wording to preview; fields left out use the saved wording' });

const Rendered = Type.Object({
  subject: Type.String({ examples: ['Su visita está programada: mié 14 ene, 8:00–10:00'] }),
  text: Type.String({ description: 'The plain-text e-mail' }),
  html: Type.String({ description: 'The HTML e-mail, with the company’s branding' }),
  sms: Type.String({ description: 'The SMS; empty when none is sent' }),
});

/** A company's notification templates: list, edit, revert, preview (admins only, see access-table.ts). */
export const notificationTemplatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { notificationTemplates } = app.services;
  const tags = ['Notifications'];

  app.get(
    '/api/notification-templates',
    {
      schema: {
        tags,
        summary: 'Every message in every language, with the company’s wording where it has one',
        response: { 200: Type.Object({ items: Type.Array(NotificationTemplate) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await notificationTemplates.list(asStaff(request.principal).companyId) }),
  );

  app.put(
    '/api/notification-templates/:template/:locale',
    {
      schema: {
        tags,
        summary: 'Saves the company’s wording of a message in one language',
        params: Params,
        body: Wording,
        response: { 200: NotificationTemplate, ...errors(400, 401, 403) },
      },
    },
    async (request) => notificationTemplates.save(asStaff(request.principal).companyId, request.params.template, request.params.locale, request.body),
  );

  app.delete(
    '/api/notification-templates/:template/:locale',
    {
      schema: {
        tags,
        summary: 'Goes back to the default wording of a message in one language',
        params: Params,
        response: { 200: NotificationTemplate, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => notificationTemplates.revert(asStaff(request.principal).companyId, request.params.template, request.params.locale),
  );

  app.post(
    '/api/notification-templates/:template/:locale/preview',
    {
      schema: {
        tags,
        summary: 'Renders a message with sample values and the company’s branding; a draft in the body is previewed, not saved',
        params: Params,
        body: Draft,
        response: { 200: Rendered, ...errors(400, 401, 403) },
      },
      // No body at all previews the saved wording; the validator would otherwise refuse `undefined`.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => notificationTemplates.preview(asStaff(request.principal).companyId, request.params.template, request.params.locale, request.body),
  );
};
