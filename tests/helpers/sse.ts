import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app.js';

/** One event or comment as an SSE client reads it. */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: any;
  retry?: string;
  comment?: string;
}

export interface OpenStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  messages: SseMessage[];
  /** The job and location events (not comments or retry), in order. */
  events(): SseMessage[];
  waitFor(predicate: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
}

/** Opens a live stream over real HTTP, as EventSource would, and parses what arrives. */
export function openStream(base: string, path: string, options: { cookie: string; lastEventId?: string; accept?: string }): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie: options.cookie, accept: options.accept ?? 'text/event-stream' };
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const request = http.get(`${base}${path}`, { headers }, (response) => {
      const messages: SseMessage[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) message.comment = line.slice(1).trim();
            else {
              const colon = line.indexOf(':');
              const field = line.slice(0, colon);
              const value = line.slice(colon + 1).trimStart();
              if (field === 'data') message.data = JSON.parse(value);
              else (message as Record<string, string>)[field] = value;
            }
          }
          messages.push(message);
        }
      });
      response.on('error', () => {});
      const ended = new Promise<void>((done) => response.on('end', () => done()));
      const events = () => messages.filter((m) => m.event);
      resolve({
        status: response.statusCode!,
        headers: response.headers,
        messages,
        events,
        async waitFor(predicate, timeoutMs = 1000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const found = messages.find(predicate);
            if (found) return found;
            if (Date.now() > deadline) throw new Error(`no matching message on ${path} within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
            await new Promise((r) => setTimeout(r, 10));
          }
        },
        close: () => request.destroy(),
        ended,
      });
    });
    request.on('error', reject);
  });
}

/** Waits a while: for what must NOT arrive on a stream. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The address a listening test app answers on. */
export const baseOf = (t: TestApp) => `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
