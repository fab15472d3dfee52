import { Type } from 'typebox';
import { DateTime, Defaulted, Id, Nullable, Strict } from '../../lib/schemas.js';

export const COMMENT_MAX_LENGTH = 2000;

export const SurveyAnswerBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5, description: 'Stars, 1 (poor) to 5 (excellent)' }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: COMMENT_MAX_LENGTH, description: 'Anything the customer wants to add' }))),
    // Not nullable: the validator coerces types, and would read `false` as null. Leaving it out is "not answered" (the answer is replaced whole).
    wouldRecommend: Type.Optional(Type.Boolean({ description: 'Would they recommend the company; left out: not answered' })),
  },
  Strict,
);

const Answer = Type.Object({
  rating: Type.Integer(),
  comment: Nullable(Type.String()),
  wouldRecommend: Nullable(Type.Boolean()),
  answeredBy: Type.String(),
  answeredAt: DateTime,
  updatedAt: DateTime,
});

/** The survey of one job, as the customer sees it. */
export const CustomerSurvey = Type.Object({
  /** `unavailable`: the job is not completed; `open`: waiting for an answer; `answered`. */
  state: Type.Enum(['unavailable', 'open', 'answered']),
  response: Nullable(Answer),
  /** Until when the answer may be changed (answered surveys). */
  editableUntil: Nullable(DateTime),
  canEdit: Type.Boolean(),
});

/** The survey of one job, as the office sees it. */
export const StaffSurvey = Type.Object({ state: Type.Enum(['unavailable', 'open', 'answered']), response: Nullable(Answer) });

export const FeedbackQuery = Type.Object(
  {
    maxRating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Only ratings up to this (2: the unhappy customers)' })),
    sort: Defaulted(Type.Enum(['recent', 'lowest'], { default: 'recent', description: 'Newest answers first, or lowest ratings first' })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Only answers of the last n days (summary included)' })),
    limit: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
    offset: Defaulted(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  Strict,
);

export const Feedback = Type.Object({
  summary: Type.Object({
    count: Type.Integer(),
    /** Mean stars, to one decimal; null with no answers. */
    average: Nullable(Type.Number()),
    /** How many answers gave 1, 2, 3, 4 and 5 stars. */
    distribution: Type.Object({ '1': Type.Integer(), '2': Type.Integer(), '3': Type.Integer(), '4': Type.Integer(), '5': Type.Integer() }),
    recommend: Type.Object({ yes: Type.Integer(), no: Type.Integer() }),
  }),
  items: Type.Array(
    Type.Object({
      jobId: Id,
      reference: Type.String(),
      customerName: Type.String(),
      category: Type.String(),
      technicianName: Nullable(Type.String()),
      rating: Type.Integer(),
      comment: Nullable(Type.String()),
      wouldRecommend: Nullable(Type.Boolean()),
      answeredBy: Type.String(),
      answeredAt: DateTime,
      updatedAt: DateTime,
    }),
  ),
  hasMore: Type.Boolean(),
});

export const JobParams = Type.Object({ jobId: Id }, Strict);
