import { ApiError } from '../../lib/api-client.js';
import type { PickableWindow } from './window-picker.js';

/**
 * The windows still free when a booking lost its race (409 SLOT_TAKEN, `details.alternatives`),
 * or undefined when the error is something else.
 */
export function slotTakenAlternatives(error: unknown): PickableWindow[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'SLOT_TAKEN') return undefined;
  const alternatives = error.details?.alternatives;
  return Array.isArray(alternatives) ? alternatives.filter((w): w is PickableWindow => typeof w?.start === 'string' && typeof w?.end === 'string' && typeof w?.date === 'string') : [];
}
