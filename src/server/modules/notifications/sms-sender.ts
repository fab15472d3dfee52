import type { Config } from '../../config.js';
import type { DevMailbox } from './dev-mailbox.js';

export interface SmsMessage {
  to: string;
  body: string;
}

export interface SmsSender {
  /** True when a real provider is configured (SMS_URL). */
  readonly configured: boolean;
  /** Sends one SMS; throws an SmsSendError on failure so the worker retries (or parks, when `permanent`). */
  send(message: SmsMessage): Promise<{ providerId: string | null }>;
}

export interface SmsLogger {
  info(obj: unknown, msg?: string): void;
}

export type SmsSendErrorCode = 'SMS_INVALID_NUMBER' | 'SMS_PROVIDER_ERROR' | 'SMS_PROVIDER_UNREACHABLE';

/**
 * Why an SMS did not go out. `permanent` is true when trying again cannot help (a number that is not
 * an international one), so the worker can park the message at once instead of retrying it.
 */
export class SmsSendError extends Error {
  constructor(
    readonly code: SmsSendErrorCode,
    message: string,
    readonly permanent: boolean,
    /** The provider's HTTP status, when it answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SmsSendError';
  }
}

/** The provider gets this long to answer before the send counts as failed (and is retried). */
const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * A phone number in E.164 (`+15550001111`), or null when it cannot be one without guessing. Only
 * numbers already written internationally (a leading `+`, then digits) qualify; spaces, dashes, dots
 * and parentheses are dropped. A national number (`555 0101`) is refused: which country it belongs
 * to is not ours to guess.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-.()]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

/**
 * With SMS_URL, SMS go to a Twilio-style Messages API: a form-encoded POST (To, From, Body) with HTTP
 * basic auth, answered with JSON carrying the message's `sid`. Without it (the embedded default),
 * they go to the log and the dev mailbox.
 */
export function createSmsSender(config: Pick<Config, 'sms'>, logger: SmsLogger, mailbox: DevMailbox): SmsSender {
  const sms = config.sms;
  if (!sms) {
    return {
      configured: false,
      async send(message) {
        mailbox.record({ channel: 'sms', to: message.to, subject: null, text: message.body, html: null });
        logger.info({ sms: { to: message.to } }, `SMS (no SMS_URL set) to ${message.to}: ${message.body}`);
        return { providerId: null };
      },
    };
  }

  const authorization = `Basic ${Buffer.from(`${sms.accountSid}:${sms.authToken}`).toString('base64')}`;
  return {
    configured: true,
    async send(message) {
      const to = normalisePhone(message.to);
      if (!to) {
        throw new SmsSendError('SMS_INVALID_NUMBER', `Cannot send an SMS to "${message.to}": it is not an international number (a + and the country code, e.g. +1 555 010 0101).`, true);
      }

      let status: number;
      let text: string;
      try {
        const response = await fetch(sms.url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ To: to, From: sms.from, Body: message.body }),
          signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
        });
        status = response.status;
        // Read inside the try: the timeout covers the body too, and a reset connection fails here.
        text = await response.text();
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${PROVIDER_TIMEOUT_MS / 1000} s` : describeNetworkError(error);
        throw new SmsSendError('SMS_PROVIDER_UNREACHABLE', `SMS provider unreachable: ${reason}`, false, undefined, { cause: error });
      }

      const json = parseJson(text);
      if (status < 200 || status > 299) {
        const providerMessage = typeof json?.message === 'string' ? json.message : text.trim().slice(0, 200) || 'no message';
        const providerCode = typeof json?.code === 'number' || typeof json?.code === 'string' ? ` (provider code ${json.code})` : '';
        throw new SmsSendError('SMS_PROVIDER_ERROR', `SMS provider answered ${status}: ${providerMessage}${providerCode}`, false, status);
      }
      // The provider took the message; throwing now would make the worker send it a second time.
      const providerId = typeof json?.sid === 'string' ? json.sid : null;
      if (!providerId) logger.info({ sms: { to, status } }, 'SMS provider accepted the message but answered without a sid');
      return { providerId };
    },
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** fetch hides the socket error (ECONNREFUSED, ENOTFOUND …) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail ? `${error.message} (${detail})` : error.message;
}
