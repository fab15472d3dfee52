/**
 * The one error type services throw. `code` is what callers branch on; the message is for people.
 * The error handler (plugins/errors.ts) turns it into `{ error: { code, message, details? } }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const badRequest = (code: string, message: string, fields?: FieldProblem[]) =>
  new AppError(400, code, message, fields ? { fields } : undefined);

/** A 400 about one field of the request body, named as a JSON pointer-ish path (`location.postalCode`). */
export const invalidField = (field: string, message: string) =>
  new AppError(400, 'VALIDATION_FAILED', `${field}: ${message}`, { fields: [{ field, message }] });

export const unauthorized = (message = 'Sign in to continue.') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
