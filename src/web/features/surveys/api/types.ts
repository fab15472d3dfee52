import type { Static } from 'typebox';
import type { CustomerSurvey as CustomerSurveySchema, Feedback as FeedbackSchema, StaffSurvey as StaffSurveySchema, SurveyAnswerBody } from '../../../../server/modules/surveys/surveys.schemas.js';

export type CustomerSurvey = Static<typeof CustomerSurveySchema>;
export type StaffSurvey = Static<typeof StaffSurveySchema>;
export type Feedback = Static<typeof FeedbackSchema>;
export type SurveyAnswer = Static<typeof SurveyAnswerBody>;
