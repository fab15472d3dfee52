import net from 'node:net';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { DevMailbox } from './dev-mailbox.js';

type SocketFactory = (options: { host?: string; port?: number | string; secure?: boolean }, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) => void;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per (event, recipient): lets mail servers and clients recognise a resent message. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailLogger {
  info(obj: unknown, msg?: string): void;
}

/**
 * Mail goes over SMTP when SMTP_URL is set. Without it (the embedded default) each message is
 * written to the log, so a new user can still follow every link Arrivo sends.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, logger: MailLogger, mailbox?: DevMailbox): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(message) {
        mailbox?.record({ channel: 'email', to: message.to, subject: message.subject, text: message.text, html: message.html });
        logger.info({ mail: { to: message.to, subject: message.subject } }, `mail (no SMTP_URL set) to ${message.to}: ${message.subject}\n${message.text}`);
      },
      close() {},
    };
  }
  // Pooled: the worker sends many messages in a row, and one connection per message is slow.
  const url = new URL(config.smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '10');
  const transport = nodemailer.createTransport(url.toString());
  // nodemailer leaves Nagle's algorithm on, so the last segment of every message waits for the
  // server's delayed ACK (~40 ms): sockets with TCP_NODELAY send 2.5–3× more per worker (bench notify).
  // getSocket is nodemailer's hook for supplying the connection; TLS (smtps, STARTTLS) is still its job.
  (transport.transporter as unknown as { getSocket: SocketFactory }).getSocket = (options, callback) => {
    // The same defaults nodemailer applies when the URL names no port.
    const socket = net.connect({ host: options.host ?? 'localhost', port: Number(options.port) || (options.secure ? 465 : 587), noDelay: true });
    const failed = (error: Error) => callback(error);
    socket.once('error', failed);
    socket.once('connect', () => {
      socket.off('error', failed);
      callback(null, { connection: socket });
    });
  };
  return {
    async send(message) {
      await transport.sendMail({ from: config.mailFrom, ...message });
    },
    close: () => transport.close(),
  };
}
