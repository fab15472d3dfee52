import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with the parts a test reads decoded. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface MailInbox {
  /** The port the server listens on (127.0.0.1); use `smtp://127.0.0.1:<port>`. */
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Messages sent to one address. */
  to(address: string): ReceivedMail[];
  /** While true, the server answers every message with a temporary failure (451), as a mail server in trouble does. */
  down: boolean;
  /** Waits until `count` messages matching `filter` have arrived; fails after `timeoutMs`. */
  waitFor(count: number, filter?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it receives, so tests exercise the
 * same nodemailer transport production uses (offline: nothing leaves the machine).
 */
export async function startMailInbox(options: { port?: number } = {}): Promise<MailInbox> {
  const messages: ReceivedMail[] = [];
  const state = { down: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A reverse DNS lookup per connection would make each message wait on a resolver that is not there.
    disableReverseLookup: true,
    onMailFrom(_address, _session, callback) {
      if (state.down) return callback(Object.assign(new Error('Service temporarily unavailable, try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        messages.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          ...parsed,
          raw,
        });
        callback();
      });
    },
  });
  // A client that dies mid-conversation (a killed worker) resets its connection: that is expected here.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  const matching = (filter?: (mail: ReceivedMail) => boolean) => (filter ? messages.filter(filter) : messages);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    to: (address) => messages.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    async waitFor(count, filter, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (matching(filter).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mail(s), got ${matching(filter).length} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return matching(filter);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Splits a MIME entity into its (unfolded, lower-cased) headers and body. */
function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function headerParam(value: string | undefined, name: string): string | undefined {
  const match = value?.match(new RegExp(`${name}="?([^";]+)"?`, 'i'));
  return match?.[1];
}

function decodeQuotedPrintable(input: string): string {
  const bytes: number[] = [];
  const text = input.replace(/=\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/** Just enough MIME to read what Arrivo sends: single-part or (nested) multipart text and HTML. */
export function parseMessage(raw: string): { headers: Record<string, string>; subject: string; text: string; html: string } {
  const top = splitEntity(raw);
  const found = { text: '', html: '' };
  const walk = (entity: { headers: Record<string, string>; body: string }) => {
    const contentType = entity.headers['content-type'] ?? 'text/plain';
    const boundary = headerParam(contentType, 'boundary');
    if (contentType.toLowerCase().startsWith('multipart/') && boundary) {
      const parts = entity.body.split(`--${boundary}`).slice(1);
      for (const part of parts) {
        if (part.startsWith('--')) break;
        walk(splitEntity(part.replace(/^\n/, '')));
      }
      return;
    }
    const decoded = decodeBody(entity.body, entity.headers['content-transfer-encoding']);
    if (contentType.toLowerCase().startsWith('text/html')) found.html ||= decoded;
    else if (contentType.toLowerCase().startsWith('text/plain')) found.text ||= decoded;
  };
  walk(top);
  return { headers: top.headers, subject: decodeEncodedWords(top.headers.subject ?? ''), ...found };
}
