import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../lib/errors.js';
import { errors, Id, Strict } from '../../lib/schemas.js';

const EVENT_STREAM = {
  200: {
    description: 'A Server-Sent Events stream: `retry`, then `job`, `location` and `notification` events (`id`, `event`, JSON `data`), and a `: heartbeat` comment every 15 s.',
    content: { 'text/event-stream': { schema: Type.String() } },
  },
};

/**
 * A stream is only useful to an SSE client (EventSource always sends `Accept: text/event-stream`).
 * Anyone else — a missing Accept, a JSON client, a link prefetcher, a test injecting requests that
 * waits for the end of the answer — gets a 406 at once instead of a response that never ends.
 */
function acceptsEventStream(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) return false;
    return type === 'text/event-stream' || type === 'text/*' || type === '*/*';
  });
}

const MAX_UNREAD_BYTES = 1024 * 1024;

const lastEventIdOf = (request: FastifyRequest): number | null => {
  const value = request.headers['last-event-id'];
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : null;
};

/** The live streams (decision 008): one per console, per technician view, per customer job page, and the portal's for signed-in customers. */
export const liveUpdatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const live = app.services.liveUpdates;
  const tags = ['Live updates'];

  // Open streams end before the server closes, or closing would wait for them forever.
  app.addHook('preClose', async () => live.closeStreams());
  app.addHook('onClose', async () => live.stop());

  async function stream(request: FastifyRequest, reply: FastifyReply, jobId?: string) {
    const { companyId, scope } = await live.scopeFor(request.principal, jobId);
    if (!acceptsEventStream(request.headers.accept)) {
      throw new AppError(406, 'NOT_ACCEPTABLE', 'This is a Server-Sent Events stream: ask for it with Accept: text/event-stream.');
    }
    const body = new PassThrough();
    const write = (chunk: string) => {
      // A client that stopped reading is dropped rather than buffered without end; it reconnects
      // and resumes from its Last-Event-ID.
      if (body.destroyed) return;
      if (body.writableLength > MAX_UNREAD_BYTES) body.destroy();
      else body.write(chunk);
    };
    // The client went away (maybe while its replay was being read), or the stream was ended: stop sending to it.
    let close: (() => void) | null = null;
    let gone = false;
    const onGone = () => {
      gone = true;
      close?.();
    };
    reply.raw.once('close', onGone);
    body.once('close', onGone);
    close = await live.open(companyId, scope, lastEventIdOf(request), { write, end: () => body.end() });
    if (gone) close();
    return reply
      .header('Content-Type', 'text/event-stream; charset=utf-8')
      .header('Cache-Control', 'no-cache, no-transform')
      // nginx buffers responses by default, which would hold events back until the buffer fills.
      .header('X-Accel-Buffering', 'no')
      .header('Referrer-Policy', 'no-referrer')
      .send(body);
  }

  app.get(
    '/api/events',
    { schema: { tags, summary: "Every job event and technician position of the company, live (dispatchers, admins)", response: { ...EVENT_STREAM, ...errors(401, 403, 406) } } },
    (request, reply) => stream(request, reply),
  );

  app.get(
    '/api/technician/events',
    { schema: { tags, summary: 'Events of the jobs the technician has a visit on, live', response: { ...EVENT_STREAM, ...errors(401, 403, 406) } } },
    (request, reply) => stream(request, reply),
  );

  app.get(
    '/api/portal/events',
    {
      schema: {
        tags,
        summary: "The signed-in customer's in-app notifications, live, on any portal page (a job's page carries them on its own stream)",
        response: { ...EVENT_STREAM, ...errors(401, 403, 406) },
      },
    },
    (request, reply) => stream(request, reply),
  );

  app.get(
    '/api/portal/jobs/:jobId/events',
    {
      schema: {
        tags,
        summary: "One job's steps, and the technician's position while they are on the way, live",
        params: Type.Object({ jobId: Id }, Strict),
        response: { ...EVENT_STREAM, ...errors(400, 401, 403, 404, 406) },
      },
    },
    (request, reply) => stream(request, reply, request.params.jobId),
  );
};
