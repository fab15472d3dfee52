/**
 * The mail server the `notify` benchmark delivers to, in a process of its own (as a real mail
 * server is elsewhere): a real smtp-server on 127.0.0.1, port 0, that keeps nothing but the
 * Message-ID of each message it accepts, so the benchmark can count deliveries and repeats.
 *
 *   tsx bench/notify-smtp.ts
 *
 * Over the IPC channel it says "ready" with its port, answers "count" and "stats" (given the
 * Message-IDs expected, it reports those missing), forgets everything on "reset", closes on "stop".
 * The server set-up is that of tests/helpers/mail-inbox.ts, copied: benchmarks import nothing from tests/.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface MailStats {
  /** Messages the server accepted (each DATA answered 250). */
  received: number;
  distinct: number;
  /** Message-IDs seen more than once, and how many extra copies arrived. */
  duplicateIds: number;
  extraCopies: number;
  withoutMessageId: number;
  /** Of the Message-IDs expected: how many never arrived; and how many arrived that were not expected. */
  missing: number;
  unexpected: number;
  /** CPU seconds this server spent since it was last reset. */
  cpuSeconds: number;
}

export type SmtpChildMessage = { type: 'ready'; port: number } | { type: 'failed'; error: string } | { type: 'count'; received: number } | { type: 'stats'; stats: MailStats } | { type: 'reset' };
export type SmtpParentMessage = { type: 'count' } | { type: 'stats'; expected: string[] } | { type: 'reset' } | { type: 'stop' };

const send = (message: SmtpChildMessage) => process.send!(message);

const seen = new Map<string, number>();
let received = 0;
let withoutMessageId = 0;
let cpuSince = process.cpuUsage();

/** The Message-ID header of a message's head (headers unfolded), or undefined. */
function messageIdOf(head: string): string | undefined {
  const match = /^message-id:[ \t]*(<[^>\r\n]*>)/im.exec(head.replace(/\r?\n[ \t]+/g, ' '));
  return match?.[1];
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // A reverse DNS lookup per connection would make each message wait on a resolver that is not there.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    // Only the head is kept; the rest of the message is read and dropped.
    let head = '';
    let headDone = false;
    stream.on('data', (chunk: Buffer) => {
      if (headDone) return;
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end !== -1) {
        head = head.slice(0, end);
        headDone = true;
      }
    });
    stream.on('error', callback);
    stream.on('end', () => {
      received++;
      const id = messageIdOf(head);
      if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
      else withoutMessageId++;
      callback();
    });
  },
});
// A client that drops its connection mid-conversation is not this server's problem.
server.on('error', () => {});

function stats(expected: string[]): MailStats {
  const wanted = new Set(expected);
  let duplicateIds = 0;
  let extraCopies = 0;
  let unexpected = 0;
  for (const [id, copies] of seen) {
    if (copies > 1) {
      duplicateIds++;
      extraCopies += copies - 1;
    }
    if (!wanted.has(id)) unexpected++;
  }
  const missing = expected.filter((id) => !seen.has(id)).length;
  const cpu = process.cpuUsage(cpuSince);
  return { received, distinct: seen.size, duplicateIds, extraCopies, withoutMessageId, missing, unexpected, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

process.on('message', (message: SmtpParentMessage) => {
  switch (message.type) {
    case 'count':
      send({ type: 'count', received });
      return;
    case 'stats':
      send({ type: 'stats', stats: stats(message.expected) });
      return;
    case 'reset':
      seen.clear();
      received = 0;
      withoutMessageId = 0;
      cpuSince = process.cpuUsage();
      send({ type: 'reset' });
      return;
    case 'stop':
      server.close(() => process.exit(0));
      // Pooled clients may keep their connections open; they do not hold the process up.
      setTimeout(() => process.exit(0), 2000).unref();
      return;
  }
});

server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.server.address() as AddressInfo).port }));
server.server.once('error', (error: Error) => {
  send({ type: 'failed', error: error.stack ?? error.message });
  process.exit(1);
});
