import { ApiError } from './api-client.js';

export interface FormErrors {
  /** Problems by field path, as the API names them (`company.slug`). */
  fields: Record<string, string>;
  /** A message for the whole form, when the problem is not about one field we show. */
  message: string | undefined;
}

/**
 * Splits a failed submission into per-field errors (shown next to their fields) and a form-level
 * message for the rest. `shown` lists the field paths this form has inputs for.
 */
export function formErrors(error: unknown, shown: readonly string[] = []): FormErrors {
  if (!error) return { fields: {}, message: undefined };
  if (!(error instanceof ApiError)) return { fields: {}, message: 'Something went wrong. Please try again.' };
  const fields = error.fieldErrors;
  const unshown = Object.keys(fields).filter((field) => !shown.includes(field));
  const hasShownField = Object.keys(fields).some((field) => shown.includes(field));
  return { fields, message: !hasShownField || unshown.length > 0 ? error.message : undefined };
}

/** "is required" → "Email is required": a field error as a sentence with the field's label. */
export const fieldMessage = (label: string, message: string | undefined) => (message ? `${label} ${message}` : undefined);
