import { createHmac, timingSafeEqual } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, forbidden } from '../../lib/errors.js';
import { errors } from '../../lib/schemas.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** What the provider POSTs for a reply; it sends more fields (AccountSid, NumMedia, FromCity …), all kept. */
const InboundSms = Type.Object({
  From: Type.String({ description: 'The sender, in E.164', examples: ['+15550100101'] }),
  To: Type.String({ description: 'Our number', examples: ['+15550001111'] }),
  Body: Type.Optional(Type.String({ description: 'The text of the reply', examples: ['STOP'] })),
  MessageSid: Type.Optional(Type.String({ examples: ['SM0123456789abcdef0123456789abcdef'] })),
});

/** Replies to our SMS, from the provider's webhook: STOP and START. */
export const smsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only here: the provider posts forms, the rest of the API accepts JSON and answers 415 to a form.
  await app.register(formbody);
  const { smsReplies } = app.services;

  app.post(
    '/api/sms/inbound',
    {
      schema: {
        tags: ['Notifications'],
        summary: "The SMS provider's webhook for replies: STOP opts the number out of SMS, START opts it back in",
        description:
          'Called by the SMS provider, form-encoded and signed with `X-Twilio-Signature` (HMAC-SHA1 of the public URL and the sorted form fields, keyed with the auth token). Answers empty TwiML: the provider sends its own confirmation. 404 while SMS is not configured.',
        consumes: ['application/x-www-form-urlencoded'],
        body: InboundSms,
        response: {
          200: { description: 'Empty TwiML', content: { 'text/xml': { schema: Type.String({ examples: [EMPTY_TWIML] }) } } },
          ...errors(400, 403, 404),
        },
      },
      // Before body validation: an unsigned request learns nothing about what the body should hold.
      preValidation: async (request) => verifyProviderSignature(request),
    },
    async (request, reply) => {
      const { From: from, Body: body = '', MessageSid: messageSid } = request.body;
      await smsReplies.handleReply({ from, body, messageSid });
      return reply.type('text/xml; charset=utf-8').send(EMPTY_TWIML);
    },
  );

  /**
   * Twilio's request validation: base64(HMAC-SHA1(auth token, URL + each POST field's name and value,
   * sorted by name)). The URL is the public one the provider was given, since a proxy in front of
   * Arrivo may change the host.
   */
  function verifyProviderSignature(request: FastifyRequest) {
    const sms = app.config.sms;
    if (!sms) throw new AppError(404, 'SMS_NOT_CONFIGURED', 'SMS is not configured on this installation.');
    const given = request.headers['x-twilio-signature'];
    if (typeof given !== 'string' || given === '') throw forbidden('The request is not signed by the SMS provider.');
    const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    let signed = `${app.config.publicUrl}${request.url}`;
    for (const name of Object.keys(fields).sort()) {
      const value = fields[name];
      // A repeated field arrives as an array; Twilio signs each of its values, in sorted order.
      for (const item of Array.isArray(value) ? [...value].map(String).sort() : [String(value)]) signed += `${name}${item}`;
    }
    const expected = createHmac('sha1', sms.authToken).update(signed, 'utf8').digest();
    const received = Buffer.from(given, 'base64');
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) throw forbidden('The SMS provider signature does not match.');
  }
};
