import type { FastifyReply } from 'fastify';

/** Sends a stored file so the browser shows photos inline and never sniffs a different type. */
export function sendFile(reply: FastifyReply, attachment: { content_type: string; file_name: string }, data: Buffer) {
  return reply
    .header('Content-Type', attachment.content_type)
    .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, max-age=3600')
    .send(data);
}
