import type { Static } from 'typebox';
import type {
  CreatePlanBody as CreatePlanBodySchema,
  FrequencySchema,
  PlanVisit as PlanVisitSchema,
  ServicePlan as ServicePlanSchema,
  ServicePlanList as ServicePlanListSchema,
  UpdatePlanBody as UpdatePlanBodySchema,
} from '../../../server/modules/service-plans/service-plans.schemas.js';

/** Types of the service-plan API, from the server's schemas (type-only: nothing of the server is bundled). */
export type ServicePlan = Static<typeof ServicePlanSchema>;
export type ServicePlanList = Static<typeof ServicePlanListSchema>;
export type PlanVisit = Static<typeof PlanVisitSchema>;
export type Frequency = Static<typeof FrequencySchema>;
export type CreatePlanInput = Static<typeof CreatePlanBodySchema>;
export type UpdatePlanInput = Static<typeof UpdatePlanBodySchema>;
/** Who is acting: the signed-in customer (portal routes) or the office (console routes). */
export type PlanAudience = 'customer' | 'staff';
