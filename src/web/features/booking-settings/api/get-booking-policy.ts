import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { BookingPolicySchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';

export type BookingPolicy = Static<typeof BookingPolicySchema>;

/** GET /api/booking-policy: the company's booking policy (the defaults until an admin sets it). */
export const getBookingPolicy = () => api<BookingPolicy>('GET', '/api/booking-policy');
export const bookingPolicyQuery = () => queryOptions({ queryKey: ['booking-policy'], queryFn: getBookingPolicy });
export const useBookingPolicy = () => useQuery(bookingPolicyQuery());
