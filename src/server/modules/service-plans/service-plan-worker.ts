import type { AppContext } from '../../context.js';
import { MINUTE } from '../../lib/clock.js';
import { PeriodicTask } from '../../lib/periodic-task.js';
import type { ServicePlansService } from './service-plans.service.js';

/** How often the generator looks at every plan; a plan's own changes generate at once. */
export const GENERATION_INTERVAL_MS = 15 * MINUTE;

/**
 * Generates service-plan visits ahead in the background, on every instance that runs the
 * notification worker. Safe with several instances: each occurrence is generated in a transaction
 * that locks its plan and re-checks the occurrence, and (plan, date) is unique, so a second
 * instance finds the work done.
 */
export const createServicePlanWorker = (ctx: AppContext, plans: ServicePlansService) =>
  new PeriodicTask(ctx.logger, 'service plan generation', GENERATION_INTERVAL_MS, () => plans.generateAll());
