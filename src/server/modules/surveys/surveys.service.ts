import type { AppContext } from '../../context.js';
import { DAY } from '../../lib/clock.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { actorOf, type PortalPrincipal, type StaffPrincipal } from '../accounts/principal.js';
import * as jobsRepo from '../jobs/jobs.repository.js';
import type { JobRow } from '../jobs/jobs.table.js';
import type { PortalService } from '../portal/portal.service.js';
import * as repo from './surveys.repository.js';
import type { SurveyResponseRow } from './surveys.table.js';

/** How long the customer may change their answer after giving it. */
export const SURVEY_EDIT_DAYS = 7;
/** Ratings at or below this ring the dispatchers' bell. */
export const LOW_RATING = 2;
/** The domain event of an answer (a job event: the console's open screens refresh on it). */
export const SURVEY_ANSWERED = 'job.survey_answered';

export interface SurveyAnswer {
  rating: number;
  comment?: string | null;
  wouldRecommend?: boolean;
}

type SurveyState = 'unavailable' | 'open' | 'answered';

/**
 * The satisfaction survey of a completed job: 1–5 stars, an optional comment and "would you
 * recommend us". One answer per job, which any contact who can open the job may give and change
 * for SURVEY_EDIT_DAYS. A rating of LOW_RATING or less notifies the dispatchers (`survey_low_rating`).
 */
export class SurveysService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { portal: PortalService },
  ) {}

  async customerSurvey(principal: PortalPrincipal, jobId: string) {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    return this.customerView(job, await repo.findResponse(this.ctx.db, principal.companyId, jobId));
  }

  /** Gives or changes the job's answer; 409 before the job is completed and once the answer can no longer change. */
  async answer(principal: PortalPrincipal, jobId: string, input: SurveyAnswer) {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    if (job.status !== 'completed') throw conflict('JOB_NOT_COMPLETED', 'The survey opens once the job is completed.', { currentStatus: job.status });
    const now = this.ctx.clock.now();
    const at = now.toISOString();
    const actor = actorOf(principal);
    const values = {
      contact_id: principal.contactId,
      contact_name: principal.name,
      rating: input.rating,
      comment: input.comment?.trim() ? input.comment.trim() : null,
      would_recommend: input.wouldRecommend === undefined ? null : input.wouldRecommend ? 1 : 0,
      updated_at: at,
    };
    const event = await this.ctx.db.transaction().execute(async (trx) => {
      const existing = await repo.findResponse(trx, principal.companyId, jobId);
      let id: string;
      let revision: number;
      if (existing) {
        if (!this.editable(existing, now)) throw conflict('SURVEY_CLOSED', `Answers can be changed for ${SURVEY_EDIT_DAYS} days; this one can no longer change.`);
        id = existing.id;
        revision = existing.revision + 1;
        if (!(await repo.updateResponse(trx, id, existing.revision, { ...values, revision }))) throw conflict('SURVEY_CHANGED', 'Someone changed this answer just now; reload and try again.');
      } else {
        id = newId();
        revision = 1;
        if (!(await repo.insertResponse(trx, { id, company_id: principal.companyId, job_id: jobId, ...values, revision, created_at: at }))) {
          throw conflict('SURVEY_CHANGED', 'Someone answered this survey just now; reload and try again.');
        }
      }
      // Only a rating that became low rings the bell: changing the comment of a 1-star answer does not again.
      const lowRating = input.rating <= LOW_RATING && (!existing || existing.rating > LOW_RATING);
      const answered: DomainEvent = {
        type: SURVEY_ANSWERED,
        companyId: principal.companyId,
        jobId,
        actor,
        data: { rating: input.rating, text: values.comment ?? '', wouldRecommend: input.wouldRecommend ?? null, lowRating, visibility: 'staff', notificationKey: `survey:${id}:${revision}` },
        occurredAt: at,
      };
      await this.ctx.bus.dispatchInTransaction(trx, answered);
      return answered;
    });
    await this.ctx.bus.publish(event);
    return this.customerView(job, await repo.findResponse(this.ctx.db, principal.companyId, jobId));
  }

  async staffSurvey(principal: StaffPrincipal, jobId: string) {
    const job = await jobsRepo.findJob(this.ctx.db, principal.companyId, jobId);
    if (!job) throw notFound('JOB_NOT_FOUND', 'No such job.');
    const response = await repo.findResponse(this.ctx.db, principal.companyId, jobId);
    return { state: stateOf(job, response), response: response ? toAnswer(response) : null };
  }

  /** The feedback page: a summary of the answers (in the period) and the answers themselves. */
  async feedback(principal: StaffPrincipal, query: { maxRating?: number; sort: 'recent' | 'lowest'; days?: number; limit: number; offset: number }) {
    const since = query.days ? new Date(this.ctx.clock.now().getTime() - query.days * DAY).toISOString() : undefined;
    const filter = { ...(query.maxRating !== undefined ? { maxRating: query.maxRating } : {}), ...(since ? { since } : {}) };
    const [counts, rows] = await Promise.all([
      repo.ratingCounts(this.ctx.db, principal.companyId, filter),
      repo.listResponses(this.ctx.db, principal.companyId, { ...filter, sort: query.sort, limit: query.limit + 1, offset: query.offset }),
    ]);
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    let count = 0;
    let stars = 0;
    const recommend = { yes: 0, no: 0 };
    for (const row of counts) {
      const n = Number(row.n);
      distribution[String(row.rating) as keyof typeof distribution] = n;
      count += n;
      stars += n * Number(row.rating);
      recommend.yes += Number(row.yes ?? 0);
      recommend.no += Number(row.no ?? 0);
    }
    return {
      summary: { count, average: count ? Math.round((stars / count) * 10) / 10 : null, distribution, recommend },
      items: rows.slice(0, query.limit).map((row) => ({
        jobId: row.job_id,
        reference: row.reference,
        customerName: row.customer_name,
        category: row.category_name,
        technicianName: row.technician_name ?? null,
        ...toAnswer(row),
      })),
      hasMore: rows.length > query.limit,
    };
  }

  private customerView(job: JobRow, response: SurveyResponseRow | undefined) {
    const now = this.ctx.clock.now();
    return {
      state: stateOf(job, response),
      response: response ? toAnswer(response) : null,
      editableUntil: response ? editableUntil(response) : null,
      canEdit: job.status === 'completed' && (!response || this.editable(response, now)),
    };
  }

  private editable(response: SurveyResponseRow, now: Date) {
    return now.getTime() < new Date(editableUntil(response)).getTime();
  }
}

const editableUntil = (response: SurveyResponseRow) => new Date(new Date(response.created_at).getTime() + SURVEY_EDIT_DAYS * DAY).toISOString();

function stateOf(job: JobRow, response: SurveyResponseRow | undefined): SurveyState {
  if (response) return 'answered';
  return job.status === 'completed' ? 'open' : 'unavailable';
}

function toAnswer(row: SurveyResponseRow) {
  return {
    rating: Number(row.rating),
    comment: row.comment,
    wouldRecommend: row.would_recommend === null ? null : Number(row.would_recommend) === 1,
    answeredBy: row.contact_name,
    answeredAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
