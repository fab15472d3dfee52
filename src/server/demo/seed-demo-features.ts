/**
 * The demo's billing, payments, service plans, dispatch rules, messages and surveys, played through
 * the services once the jobs' stories are over, each step at the moment it would have happened
 * (after the visit it follows, never after `now`), so numbering, totals, timelines and
 * notifications are what real use would have left.
 */
import { DateTime } from 'luxon';
import type { CustomerPrincipal, StaffPrincipal } from '../modules/accounts/principal.js';
import { DEFAULT_DISPATCH_RULES } from '../modules/dispatch/assignment-rules.js';
import type { Services } from '../services.js';
import { COMPANY, type CategoryKey } from './demo-data.js';
import {
  ARRIVAL_QUESTION,
  BILLING_SETTINGS,
  ESTIMATES,
  ESTIMATE_QUESTION,
  INVOICE_LINES,
  SERVICE_CALL,
  SERVICE_PLANS,
  SURVEY_ANSWERS,
  WAITING_QUESTION,
  type DemoLine,
} from './demo-features-data.js';
import type { PlannedAction, PlannedJob } from './demo-plan.js';
import type { DemoCustomerRecord, DemoJobRecord, DemoStaffMember, SettableClock } from './seed-demo.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Stripe's (and the offline provider's) test card that always goes through. */
export const DEMO_TEST_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' } as const;

export interface DemoJobStory {
  record: DemoJobRecord;
  plan: PlannedJob;
}

export interface DemoFeaturesContext {
  services: Services;
  clock: SettableClock;
  companyId: string;
  now: Date;
  admin: DemoStaffMember;
  dispatchers: DemoStaffMember[];
  technicians: DemoStaffMember[];
  customers: Map<string, DemoCustomerRecord>;
  categoryIds: Map<CategoryKey, string>;
  stories: DemoJobStory[];
}

export interface DemoFeaturesResult {
  estimates: { awaitingApproval: DemoDocumentRecord; approved: DemoDocumentRecord; draft: DemoDocumentRecord };
  invoices: { overdue: DemoDocumentRecord; partlyPaid: DemoDocumentRecord; paid: DemoDocumentRecord; draft: DemoDocumentRecord };
  planIds: string[];
  /** The customer whose preferred technician is set. */
  preferredTechnician: { customerId: string; technicianId: string };
  /** Jobs with a conversation, and the one whose customer message waits for an answer. */
  threads: { answered: string[]; unanswered: string };
  surveyJobIds: string[];
}

export interface DemoDocumentRecord {
  id: string;
  number: string;
  jobId: string;
  customerId: string;
  contactId: string;
}

/** Plays the demo's billing, plans, dispatch rules, messages and surveys over the played jobs. */
export async function seedDemoFeatures(ctx: DemoFeaturesContext): Promise<DemoFeaturesResult> {
  return new FeaturePlayer(ctx).play();
}

class FeaturePlayer {
  private readonly used = new Set<string>();

  constructor(private readonly ctx: DemoFeaturesContext) {}

  private get services() {
    return this.ctx.services;
  }

  /** A moment after `after`, `preferred` if it is already past, otherwise just before now. */
  private moment(after: Date, preferredDelay: number): Date {
    const latest = this.ctx.now.getTime() - MINUTE;
    const at = Math.min(after.getTime() + preferredDelay, latest);
    // A story ending right at `now` leaves no room: the step follows it by a second.
    return new Date(Math.max(at, after.getTime() + 1000));
  }

  private at(moment: Date) {
    this.ctx.clock.set(moment);
  }

  private staff(member: DemoStaffMember): StaffPrincipal {
    return { role: member.role, companyId: this.ctx.companyId, userId: member.id, sessionId: 'demo-seed', name: member.name, email: member.email };
  }

  private get office() {
    return this.staff(this.ctx.dispatchers[0]!);
  }

  private customerOf(story: DemoJobStory) {
    return this.ctx.customers.get(story.record.customerKey)!;
  }

  /** The contact the job was asked for, signed in to the portal. */
  private contactPrincipal(story: DemoJobStory): CustomerPrincipal {
    const customer = this.customerOf(story);
    const contact = customer.contacts.find((c) => c.id === story.record.contactId)!;
    return { role: contact.role === 'admin' ? 'customer_admin' : 'customer_member', companyId: this.ctx.companyId, contactId: contact.id, customerId: customer.id, sessionId: 'demo-seed', name: contact.name };
  }

  private adminPrincipal(customer: DemoCustomerRecord): CustomerPrincipal {
    const contact = customer.contacts.find((c) => c.role === 'admin') ?? customer.contacts[0]!;
    return { role: 'customer_admin', companyId: this.ctx.companyId, contactId: contact.id, customerId: customer.id, sessionId: 'demo-seed', name: contact.name };
  }

  private stepAt(story: DemoJobStory, kind: PlannedAction['kind']): Date {
    const step = story.plan.steps.findLast((s) => s.action.kind === kind);
    if (!step) throw new Error(`demo seed: ${story.record.key} has no ${kind} step`);
    return step.at;
  }

  private end(story: DemoJobStory): Date {
    return story.plan.steps.at(-1)!.at;
  }

  /** Takes the first unused story that fits (or, should none fit on some day, the first unused one). */
  private take(what: string, stories: DemoJobStory[], fits: (story: DemoJobStory) => boolean = () => true): DemoJobStory {
    const unused = stories.filter((s) => !this.used.has(s.record.id));
    const story = unused.find(fits) ?? unused[0];
    if (!story) throw new Error(`demo seed: no job for ${what}`);
    this.used.add(story.record.id);
    return story;
  }

  private document(view: { id: string; number: string; jobId: string; customer: { id: string } }, story: DemoJobStory): DemoDocumentRecord {
    return { id: view.id, number: view.number, jobId: view.jobId, customerId: view.customer.id, contactId: story.record.contactId };
  }

  async play(): Promise<DemoFeaturesResult> {
    const { services, ctx } = this;
    const stories = ctx.stories;
    const kindOf = (story: DemoJobStory) => this.customerOf(story).kind;
    // Warranty claims are billed to the network, not to the household.
    const billable = (story: DemoJobStory) => story.plan.steps[0]!.action.kind === 'create' && (story.plan.steps[0]!.action as { via: string }).via !== 'warranty';
    const withStatus = (status: DemoJobRecord['status']) => stories.filter((s) => s.record.status === status && billable(s));
    const completed = withStatus('completed').sort((a, b) => this.end(a).getTime() - this.end(b).getTime());

    // ---- the owner set billing up a month ago: card payments through the built-in (offline) provider
    this.at(new Date(ctx.now.getTime() - 30 * DAY));
    await services.billing.updateSettings(ctx.companyId, { paymentsEnabled: true, paymentProvider: 'offline', ...BILLING_SETTINGS });
    await services.payments.updateSettings(ctx.companyId, { allowPartialPayments: true, reminderDays: [1, 7, 14] });

    // ---- invoices, each written up by the office shortly after the visit
    const featuredPast = this.take('the featured customer’s past visit', completed, (s) => s.record.customerKey === 'whitaker');
    const overdue = await this.invoice(featuredPast, { shared: true });

    const paidStory = this.take('a paid invoice', completed, (s) => kindOf(s) === 'household');
    const paid = await this.invoice(paidStory, { shared: true });
    // The customer pays from the e-mail's link within the hour, saving the card for next time.
    this.at(this.moment(this.stepAt(paidStory, 'complete'), 75 * MINUTE));
    const payment = await services.payments.pay(this.adminPrincipal(this.customerOf(paidStory)), paidStory.record.id, paid.id, {
      card: { ...DEMO_TEST_CARD, name: this.adminPrincipal(this.customerOf(paidStory)).name },
      savePaymentMethod: true,
      idempotencyKey: `demo-pay-${paid.id}`,
    });
    if (payment.status !== 'succeeded') throw new Error(`demo seed: the card payment of ${paid.number} ended ${payment.status}`);

    const partlyStory = this.take('a partly paid invoice', completed, (s) => kindOf(s) === 'organisation');
    // Businesses pay on 15-day terms.
    const partly = await this.invoice(partlyStory, { shared: true, dueInDays: 15 });
    const partlyView = await services.billing.staffView(ctx.companyId, partly.id);
    this.at(this.moment(this.stepAt(partlyStory, 'complete'), 20 * HOUR));
    await services.payments.recordPayment(this.office, partly.id, {
      amount: Math.round(partlyView.totalMinor / 2),
      method: 'check',
      reference: 'Check #4127',
      note: 'Half now, the rest when the accounts office signs off.',
    });

    const draftStory = completed.filter((s) => !this.used.has(s.record.id)).at(-1)!;
    this.used.add(draftStory.record.id);
    const draft = await this.invoice(draftStory, { shared: false });

    // ---- estimates
    const awaitingStory = this.take('an estimate awaiting approval', withStatus('paused'));
    this.at(this.moment(this.stepAt(awaitingStory, 'pause'), 40 * MINUTE));
    const content = ESTIMATES[awaitingStory.plan.category];
    const awaitingView = await services.billing.create(this.office, {
      jobId: awaitingStory.record.id,
      kind: 'estimate',
      title: content.title,
      notes: 'Prices are valid for 30 days. Choose one option and sign to approve; we will call you to book the work.',
      options: [
        { title: 'Repair', description: 'Fix the failed parts and keep the existing equipment.', lines: content.repair.map(toLine) },
        { title: 'Replace', description: content.replaceNote, lines: content.replace.map(toLine) },
      ],
      shared: true,
    });
    const awaiting = this.document(awaitingView, awaitingStory);
    // The customer asks about it in the job's conversation, and the office answers.
    const asked = this.moment(this.stepAt(awaitingStory, 'pause'), 3 * HOUR);
    await this.conversation(awaitingStory, asked, ESTIMATE_QUESTION);

    // Paused for a part and quoted; approved after the follow-up was booked, or (no such job) the same day.
    const pausedStories = [...withStatus('rescheduled'), ...withStatus('paused')].filter((s) => s.plan.steps.some((step) => step.action.kind === 'pause'));
    const approvedStory = this.take('an approved estimate', pausedStories);
    const pausedAt = this.stepAt(approvedStory, 'pause');
    const rebooked = approvedStory.plan.steps.findLast((step) => step.action.kind === 'reschedule')?.at;
    this.at(rebooked ? new Date(pausedAt.getTime() + Math.max(1000, (rebooked.getTime() - pausedAt.getTime()) / 3)) : this.moment(pausedAt, 45 * MINUTE));
    const approvedContent = ESTIMATES[approvedStory.plan.category];
    const approvedView = await services.billing.create(this.office, {
      jobId: approvedStory.record.id,
      kind: 'estimate',
      title: `${approvedContent.title.split(':')[0]}: parts for the follow-up visit`,
      lines: approvedContent.repair.map(toLine),
      shared: true,
    });
    this.at(rebooked ? this.moment(rebooked, 2 * HOUR) : this.moment(pausedAt, 4 * HOUR));
    const signer = this.contactPrincipal(approvedStory);
    await services.billing.approve(signer, approvedStory.record.id, approvedView.id, { signerName: signer.name, version: approvedView.version }, '203.0.113.24');
    const approved = this.document(approvedView, approvedStory);

    // The quote for work a technician recommended at a business, still being written up.
    const draftEstimateStory = this.take('a draft estimate', completed, (s) => kindOf(s) === 'organisation');
    this.at(this.moment(this.stepAt(draftEstimateStory, 'complete'), 20 * HOUR));
    const draftEstimateContent = ESTIMATES[draftEstimateStory.plan.category];
    const draftEstimateView = await services.billing.create(this.office, {
      jobId: draftEstimateStory.record.id,
      kind: 'estimate',
      title: `Recommended work: ${draftEstimateContent.title.charAt(0).toLowerCase()}${draftEstimateContent.title.slice(1)}`,
      options: [
        { title: 'Repair', lines: draftEstimateContent.repair.map(toLine) },
        { title: 'Replace', description: draftEstimateContent.replaceNote, lines: draftEstimateContent.replace.map(toLine) },
      ],
    });
    const draftEstimate = this.document(draftEstimateView, draftEstimateStory);

    // ---- conversations: a question answered before a visit, and one still waiting
    const arrivalStory = this.take('an answered question', withStatus('scheduled'), (s) => kindOf(s) === 'household');
    await this.conversation(arrivalStory, this.moment(this.end(arrivalStory), 90 * MINUTE), ARRIVAL_QUESTION);
    const waitingStory = this.take('an unanswered question', withStatus('created'));
    this.at(this.moment(this.end(waitingStory), 3 * HOUR));
    await services.messaging.postFromCustomer(this.contactPrincipal(waitingStory), waitingStory.record.id, WAITING_QUESTION);

    // ---- satisfaction surveys of finished visits, answered the same evening or the next day
    const surveyed = [featuredPast, paidStory, ...completed.filter((s) => !this.used.has(s.record.id)).slice(0, SURVEY_ANSWERS.length - 2)];
    const answers = surveyed
      .map((story, i) => ({ story, answer: SURVEY_ANSWERS[i]!, at: this.moment(this.stepAt(story, 'complete'), (4 + 3 * i) * HOUR) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const { story, answer, at } of answers) {
      this.at(at);
      await services.surveys.answer(this.contactPrincipal(story), story.record.id, answer);
    }

    // ---- today: recurring service plans, each booking its next visits
    this.at(ctx.now);
    const today = DateTime.fromJSDate(ctx.now, { zone: COMPANY.timezone }).startOf('day');
    const planCustomers = [this.customerOf(paidStory), ctx.customers.get('hotel-magnolia')!, ctx.customers.get('hyde-park-coffee')!];
    const hvacTechnician = ctx.technicians.find((t) => t.key === 'emily')!;
    // The hotel's engineer asked for the technician who knows their rooftop units.
    await services.dispatch.setPreferredTechnician(ctx.companyId, planCustomers[1]!.id, hvacTechnician.id);
    const planIds: string[] = [];
    for (const [i, plan] of SERVICE_PLANS.entries()) {
      const customer = planCustomers[i]!;
      const created = await services.servicePlans.create(this.office, {
        customerId: customer.id,
        locationId: customer.locations[0]!.id,
        categoryId: ctx.categoryIds.get(plan.category)!,
        name: plan.name,
        frequency: { ...plan.frequency },
        startDate: today.plus({ days: plan.nextInDays }).minus({ months: plan.startMonthsAgo }).toISODate()!,
        preferredTimeOfDay: plan.preferredTimeOfDay,
        preferredTechnicianId: i === 1 ? hvacTechnician.id : null,
        notes: plan.notes,
      });
      planIds.push(created.id);
    }
    // The household that saved its card pays its plan visits automatically.
    await services.payments.setAutopay(this.adminPrincipal(planCustomers[0]!), true);

    // ---- dispatch rules: new requests are placed on their own; dispatchers handle what is left
    await services.dispatch.saveRules(ctx.companyId, ctx.admin.id, {
      autoAssignNewRequests: true,
      autoAssignBookings: true,
      rules: DEFAULT_DISPATCH_RULES.rules.map((rule) => ({ ...rule })),
    });

    return {
      estimates: { awaitingApproval: awaiting, approved, draft: draftEstimate },
      invoices: { overdue, partlyPaid: partly, paid, draft },
      planIds,
      preferredTechnician: { customerId: planCustomers[1]!.id, technicianId: hvacTechnician.id },
      threads: { answered: [awaitingStory.record.id, arrivalStory.record.id], unanswered: waitingStory.record.id },
      surveyJobIds: surveyed.map((s) => s.record.id),
    };
  }

  /** The office bills a finished visit half an hour after it: service call plus what was done. */
  private async invoice(story: DemoJobStory, options: { shared: boolean; dueInDays?: number }): Promise<DemoDocumentRecord> {
    const at = this.moment(this.stepAt(story, 'complete'), 30 * MINUTE);
    this.at(at);
    const category = story.plan.category;
    const view = await this.services.billing.create(this.office, {
      jobId: story.record.id,
      kind: 'invoice',
      title: CATEGORY_TITLES[category],
      lines: [SERVICE_CALL, ...INVOICE_LINES[category]].map(toLine),
      ...(options.dueInDays !== undefined && { dueAt: new Date(at.getTime() + options.dueInDays * DAY).toISOString() }),
      shared: options.shared,
    });
    return this.document(view, story);
  }

  /** A customer's question, then the office opening the conversation and answering it. */
  private async conversation(story: DemoJobStory, askedAt: Date, exchange: { question: string; answer: string }) {
    this.at(askedAt);
    await this.services.messaging.postFromCustomer(this.contactPrincipal(story), story.record.id, exchange.question);
    this.at(this.moment(askedAt, 35 * MINUTE));
    await this.services.messaging.markRead(this.office, story.record.id);
    await this.services.messaging.postFromStaff(this.office, story.record.id, exchange.answer);
  }
}

const CATEGORY_TITLES: Record<CategoryKey, string> = {
  acRepair: 'AC repair',
  heating: 'Furnace repair',
  tuneUp: 'HVAC tune-up',
  plumbing: 'Plumbing repair',
  waterHeater: 'Water heater service',
  drains: 'Drain cleaning',
  electrical: 'Electrical repair',
  appliances: 'Appliance repair',
  gasLeak: 'Gas leak check',
};

const toLine = (line: DemoLine) => ({ kind: line.kind, description: line.description, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor });
