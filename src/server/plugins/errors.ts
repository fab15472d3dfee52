import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.js';

interface ValidationIssue {
  instancePath?: string;
  schemaPath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

/** Turns an AJV error into the field a person would name: `location.postalCode`, `preferredWindows[1].end`. */
function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const parts = (issue.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`));
  if (issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string') parts.push(`.${issue.params.missingProperty}`);
  if (issue.keyword === 'additionalProperties' && typeof issue.params?.additionalProperty === 'string') parts.push(`.${issue.params.additionalProperty}`);
  const path = parts.join('').replace(/^\./, '');
  const prefix = context && context !== 'body' ? context : '';
  return [prefix, path].filter(Boolean).join('.') || context || 'body';
}

/**
 * A value that may take one of several shapes (anyOf: a saved address or a new one) fails every
 * shape, and AJV reports them all. The person meant the shape they came closest to: keep the
 * errors of the alternative with the fewest, drop the others and the anyOf summary itself.
 */
function closestAlternative(issues: ValidationIssue[]): ValidationIssue[] {
  let kept = issues;
  for (const union of issues.filter((issue) => issue.keyword === 'anyOf' && issue.schemaPath)) {
    const prefix = `${union.schemaPath}/`;
    const byBranch = new Map<string, ValidationIssue[]>();
    for (const issue of kept) {
      if (!issue.schemaPath?.startsWith(prefix)) continue;
      const branch = issue.schemaPath.slice(prefix.length).split('/')[0]!;
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), issue]);
    }
    if (byBranch.size < 2) continue;
    const closest = [...byBranch.values()].sort((a, b) => a.length - b.length)[0]!;
    kept = kept.filter((issue) => issue !== union && (!issue.schemaPath?.startsWith(prefix) || closest.includes(issue)));
  }
  return kept;
}

/** AJV's wording ("must NOT have fewer than 12 characters") rephrased for the person filling the form. */
function messageOf(issue: ValidationIssue): string {
  const limit = issue.params?.limit;
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return Array.isArray(issue.params?.allowedValues) ? `must be one of ${(issue.params.allowedValues as unknown[]).join(', ')}` : 'is not one of the allowed values';
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${String(limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(limit)} characters`;
    case 'minItems':
      return `must have at least ${String(limit)} items`;
    case 'maxItems':
      return `must have at most ${String(limit)} items`;
    case 'minimum':
      return `must be at least ${String(limit)}`;
    case 'maximum':
      return `must be at most ${String(limit)}`;
    case 'format':
      return `is not a valid ${String(issue.params?.format ?? 'value').replace('-', ' ')}`;
    case 'pattern':
      return 'is not in the expected format';
    default:
      return issue.message ?? 'is invalid';
  }
}

/** PostgreSQL's unique_violation, or SQLite's UNIQUE / PRIMARY KEY constraint failure. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The error contract: every error answers `{ error: { code, message, details? } }`.
 * Client mistakes are 4xx and say what to fix; anything else is a 500 that hides internals
 * and carries the request id so the log line can be found.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
    }
    const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
    if (fastifyError.validation) {
      const seen = new Set<string>();
      const fields = closestAlternative(fastifyError.validation)
        .map((issue) => ({ field: fieldOf(fastifyError.validationContext, issue), message: messageOf(issue) }))
        // anyOf/oneOf produce a cascade of errors about the same field; keep the first per field.
        .filter((f) => (seen.has(f.field) ? false : (seen.add(f.field), true)));
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: fields.map((f) => `${f.field} ${f.message}`).join('; '),
          details: { fields },
        },
      });
    }
    // A race lost against another request (two inserts of the same unique thing) is a conflict, not a crash.
    if (isUniqueViolation(error)) {
      request.log.warn({ err: error }, 'unique constraint violated');
      return reply.status(409).send({ error: { code: 'CONFLICT', message: 'This was changed by another request at the same time; reload and try again.' } });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 429 ? 'RATE_LIMITED' : (fastifyError.code ?? 'BAD_REQUEST');
      return reply.status(status).send({ error: { code, message: fastifyError.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: `Something went wrong on our side. Reference: ${request.id}` } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
});
