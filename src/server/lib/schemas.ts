import { Type, type TSchema } from 'typebox';

/** Schema pieces every module uses. */
export const Id = Type.String({ format: 'uuid', description: 'Identifier (UUID)', examples: ['0193a6f2-8c1e-7a3b-9f10-2b6c1d4e5f60'] });
export const DateTime = Type.String({ format: 'date-time', description: 'Instant in ISO 8601, UTC', examples: ['2026-01-14T08:00:00.000Z'] });
/**
 * The value, or null. Null is tried first: with `coerceTypes: 'array'`, trying an array schema
 * first would turn null into [null] in place, and the null alternative would then fail.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['ana@example.com'] });
export const Phone = Type.String({ minLength: 3, maxLength: 40, pattern: '^[+0-9 ()./-]+$', examples: ['+1 555 0100'] });
export const Password = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' });
export const NonEmpty = (maxLength: number, extra: Record<string, unknown> = {}) => Type.String({ minLength: 1, maxLength, ...extra });
export const PriorityEnum = Type.Enum(['low', 'normal', 'high', 'emergency'], { description: 'How urgent the job is; each priority has its SLA' });
export const Strict = { additionalProperties: false } as const;

/**
 * A field the client may leave out because the schema has a `default`: optional in the OpenAPI
 * document, but typed as present, since the validator fills the default before any handler runs.
 */
export const Defaulted = <T extends TSchema>(schema: T): T => Type.Optional(schema) as unknown as T;

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['VALIDATION_FAILED'] }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', description: 'Every error has this shape' },
);

/** Error answers a route can give, for the OpenAPI document. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('ErrorResponse')]));

export const Ok = Type.Object({ ok: Type.Literal(true) });

export const LocationInput = Type.Object(
  {
    label: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
    line1: NonEmpty(200, { examples: ['12 Elm Street'] }),
    line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    city: NonEmpty(100, { examples: ['Springfield'] }),
    region: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    postalCode: NonEmpty(20, { examples: ['12345'] }),
    country: Type.String({ minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2', examples: ['US'] }),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    accessNotes: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  Strict,
);

export const Location = Type.Object({
  id: Id,
  customerId: Id,
  label: Nullable(Type.String()),
  line1: Type.String(),
  line2: Nullable(Type.String()),
  city: Type.String(),
  region: Nullable(Type.String()),
  postalCode: Type.String(),
  country: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  accessNotes: Nullable(Type.String()),
});

export const TimeWindow = Type.Object({ start: DateTime, end: DateTime }, Strict);

export const Attachment = Type.Object({ id: Id, fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), createdAt: DateTime });

export const TimelineEntry = Type.Object({
  id: Id,
  type: Type.String({ examples: ['job.scheduled'] }),
  at: DateTime,
  visibility: Type.Enum(['customer', 'staff']),
  actor: Type.Object({ kind: Type.Enum(['user', 'contact', 'integration', 'system']), name: Type.String() }),
  data: Type.Record(Type.String(), Type.Unknown()),
  attachments: Type.Array(Attachment),
});

export const JobStatusEnum = Type.Enum(['created', 'scheduled', 'en_route', 'in_progress', 'paused', 'rescheduled', 'completed', 'cancelled']);

/** Opaque cursor for keyset pagination over (created_at, id), newest first. */
export function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    if (typeof parsed.c === 'string' && typeof parsed.i === 'string') return { createdAt: parsed.c, id: parsed.i };
  } catch {
    // fall through
  }
  return undefined;
}
