import path from 'node:path';

/** Everything Arrivo reads from the environment, parsed once at start. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** The address people use to reach Arrivo; every link in mail and logs starts with it. */
  readonly publicUrl: string;
  readonly dataDir: string;
  /** The built front ends (`vite build` output): portal, console and technician pages and their assets. */
  readonly webDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** A Twilio-style SMS API: messages are POSTed to `url` with HTTP basic auth; unset → SMS go to the log. */
  readonly sms: { readonly url: string; readonly accountSid: string; readonly authToken: string; readonly from: string } | undefined;
  /** Whether this instance runs the notification worker (every instance may; they share the work). */
  readonly notificationWorker: boolean;
  readonly notificationPollMs: number;
  /** How long a worker holds the messages it took before another may take them over (a worker that died). */
  readonly notificationLockMs: number;
  readonly sessionTtlHours: number;
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly uploadMaxBytes: number;
  readonly jobLinkGraceDays: number;
  /** scrypt cost parameter N (a power of two); lowered only in tests to keep them quick. */
  readonly passwordHashCost: number;
  /** The map tiles the portal and console maps show (`{z}/{x}/{y}`, optional `{s}` subdomain), and their credit line (plain text). */
  readonly mapTileUrl: string;
  readonly mapAttribution: string;
  /** An OSRM-compatible routing service for travel times; unset → the ETA model alone. */
  readonly routingUrl: string | undefined;
  /** Redis for the live-update fan-out between instances (PostgreSQL only); unset → LISTEN/NOTIFY. */
  readonly redisUrl: string | undefined;
  /** Stripe for card payments (docs/payments.md): set → companies may choose the 'stripe' provider. `apiBase` points the client elsewhere (tests). */
  readonly stripe: { readonly secretKey: string; readonly webhookSecret: string; readonly publishableKey: string | null; readonly apiBase: string | null } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks every setting; lists every bad one at once and throws. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const boolean = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${key} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${key} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const url = (key: string, protocols: string[]): string | undefined => {
    const raw = env[key];
    if (raw === undefined || raw === '') return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${key} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${parsed.protocol}//…")`);
      }
      return raw;
    } catch {
      problems.push(`${key} is not a valid URL`);
      return undefined;
    }
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = integer('PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  // src/server/config.ts and dist/server/config.js both sit two levels under the project root.
  const webDir = path.resolve(env.WEB_DIR || path.join(import.meta.dirname, '..', '..', 'dist', 'web'));
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicUrl = (url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = env.MAIL_FROM || 'Arrivo <no-reply@arrivo.local>';
  const smsUrl = url('SMS_URL', ['http:', 'https:']);
  const smsSettings = { accountSid: env.SMS_ACCOUNT_SID ?? '', authToken: env.SMS_AUTH_TOKEN ?? '', from: env.SMS_FROM ?? '' };
  if (smsUrl) {
    for (const [key, value] of [['SMS_ACCOUNT_SID', smsSettings.accountSid], ['SMS_AUTH_TOKEN', smsSettings.authToken], ['SMS_FROM', smsSettings.from]] as const) {
      if (!value) problems.push(`${key} is required when SMS_URL is set`);
    }
  }
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  if (redisUrl && !databaseUrl) problems.push('REDIS_URL fans live updates out between instances on PostgreSQL: set DATABASE_URL too, or unset REDIS_URL (SQLite runs one instance)');
  const mapTileUrl = url('MAP_TILE_URL', ['http:', 'https:']) ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
  if (!['{z}', '{x}', '{y}'].every((part) => mapTileUrl.includes(part))) problems.push(`MAP_TILE_URL must contain {z}, {x} and {y} (got "${mapTileUrl}")`);
  if (!/@/.test(mailFrom)) problems.push(`MAIL_FROM must contain an email address (got "${mailFrom}")`);
  const stripeSecretKey = env.STRIPE_SECRET_KEY ?? '';
  const stripeWebhookSecret = env.STRIPE_WEBHOOK_SECRET ?? '';
  const stripeApiBase = url('STRIPE_API_BASE', ['http:', 'https:']);
  if (stripeSecretKey && !stripeWebhookSecret) problems.push('STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (payment state follows signed webhooks)');
  if (stripeWebhookSecret && !stripeSecretKey) problems.push('STRIPE_SECRET_KEY is required when STRIPE_WEBHOOK_SECRET is set');

  const config: Config = {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    dataDir,
    webDir,
    database: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: path.join(dataDir, 'arrivo.db') },
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    smtpUrl,
    mailFrom,
    sms: smsUrl ? { url: smsUrl, ...smsSettings } : undefined,
    notificationWorker: boolean('NOTIFICATION_WORKER', true),
    notificationPollMs: integer('NOTIFICATION_POLL_MS', 1000, 50, 60_000),
    notificationLockMs: integer('NOTIFICATION_LOCK_SECONDS', 120, 1, 3600) * 1000,
    sessionTtlHours: integer('SESSION_TTL_HOURS', 24 * 7, 1, 24 * 365),
    // Browsers keep Secure cookies on https and on http://localhost; anywhere else over plain http
    // they would drop them, so the default follows the public address.
    cookieSecure: boolean('COOKIE_SECURE', publicUrl.startsWith('https:') || ['localhost', '127.0.0.1', '[::1]'].includes(new URL(publicUrl).hostname)),
    trustProxy: boolean('TRUST_PROXY', false),
    uploadMaxBytes: integer('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    jobLinkGraceDays: integer('JOB_LINK_GRACE_DAYS', 30, 0, 3650),
    passwordHashCost: 2 ** 15,
    mapTileUrl,
    mapAttribution: env.MAP_ATTRIBUTION || '© OpenStreetMap contributors',
    routingUrl: url('ROUTING_URL', ['http:', 'https:'])?.replace(/\/+$/, ''),
    redisUrl,
    stripe: stripeSecretKey && stripeWebhookSecret ? { secretKey: stripeSecretKey, webhookSecret: stripeWebhookSecret, publishableKey: env.STRIPE_PUBLISHABLE_KEY || null, apiBase: stripeApiBase?.replace(/\/+$/, '') ?? null } : undefined,
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  // Object.freeze is shallow: the database setting (the one nested object) is frozen too.
  return Object.freeze({ ...config, database: Object.freeze({ ...config.database }), sms: config.sms && Object.freeze({ ...config.sms }), stripe: config.stripe && Object.freeze({ ...config.stripe }) });
}
