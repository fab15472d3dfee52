import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { Feedback } from './types.js';

export const FEEDBACK_KEY = ['feedback'] as const;

export interface FeedbackParams {
  maxRating?: number | undefined;
  sort: 'recent' | 'lowest';
  days?: number | undefined;
  limit: number;
}

/** GET /api/surveys — the summary of the customers' answers and the answers themselves. */
export const getFeedback = (params: FeedbackParams) => api<Feedback>('GET', `/api/surveys${queryString({ ...params })}`);

export const feedbackQuery = (params: FeedbackParams) => queryOptions({ queryKey: [...FEEDBACK_KEY, params], queryFn: () => getFeedback(params), placeholderData: keepPreviousData });

export const useFeedback = (params: FeedbackParams) => useQuery(feedbackQuery(params));
