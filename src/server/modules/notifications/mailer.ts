import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
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
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, logger: MailLogger): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(message) {
        logger.info({ mail: { to: message.to, subject: message.subject } }, `mail (no SMTP_URL set) to ${message.to}: ${message.subject}\n${message.text}`);
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: config.mailFrom, ...message });
    },
    close: () => transport.close(),
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
