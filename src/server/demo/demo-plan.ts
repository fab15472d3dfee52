/**
 * The stories of the demo's jobs, written before anything is stored: who asked, through which
 * door, when the dispatcher booked it, when the technician set out, paused or finished. Every
 * moment is placed relative to `now` in the company's time zone, so the demo always has visits
 * yesterday, today and in the next days. Pure: the same `now` and seed give the same plan, and
 * `checkPlan` proves the timelines are possible before seed-demo.ts plays them through the services.
 */
import { DateTime } from 'luxon';
import type { JobStatus } from '../modules/jobs/job-state-machine.js';
import type { Priority } from '../modules/jobs/jobs.table.js';
import {
  CANCEL_AFTER_BOOKING_REASONS,
  CANCEL_DUPLICATE_REASON,
  CANCEL_NOT_COVERED_REASON,
  CATEGORIES,
  COMPANY,
  CUSTOMERS,
  CUSTOMER_NOTES,
  DISPATCHERS,
  FOLLOW_UP_REASONS,
  HOUSEHOLDS,
  ORGANISATIONS,
  PAUSE_MESSAGES,
  RESCHEDULE_REASONS,
  STAFF_NOTES,
  TECHNICIANS,
  WARRANTY_PAUSE_MESSAGE,
  WARRANTY_STAFF_NOTE,
  WINDOW_HOURS,
  WINDOW_START_HOURS,
  type CategoryKey,
  type DemoCustomer,
} from './demo-data.js';
import type { Random } from './random.js';

export interface Window {
  start: Date;
  end: Date;
}

export type JobEntry = 'portal' | 'warranty' | 'dispatcher';

export type PlannedAction =
  | { kind: 'create'; via: JobEntry; by: string; preferredWindows: Window[] }
  | { kind: 'add_contact'; by: string; contactIndex: number }
  | { kind: 'schedule'; by: string; technician: string; window: Window }
  | { kind: 'reschedule'; by: string; window: Window; technician: string; reason: string }
  | { kind: 'set_out' }
  | { kind: 'start' }
  | { kind: 'pause'; message: string }
  | { kind: 'complete'; notes: string }
  | { kind: 'cancel'; by: string; reason: string }
  | { kind: 'customer_note'; text: string }
  | { kind: 'staff_note'; by: string; text: string };

export interface PlannedStep {
  at: Date;
  action: PlannedAction;
}

export interface PlannedJob {
  key: string;
  customer: string;
  siteIndex: number;
  /** The contact who asked, or whom the dispatcher put on the job. */
  contactIndex: number;
  category: CategoryKey;
  priority: Priority;
  description: string;
  /** The status the steps lead to. */
  status: JobStatus;
  /** The job the demo's printed customer link opens. */
  featured?: boolean;
  steps: PlannedStep[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How many jobs of each kind of story the demo has, besides the featured customer's two (68 in all). */
const STORY_COUNTS = {
  enRoute: 1, // plus the featured job, also en route
  inProgress: 2,
  paused: 2,
  followUpBooked: 1, // paused yesterday, follow-up visit booked: status rescheduled
  completedAfterFollowUp: 2,
  completed: 21, // plus the featured customer's past visit
  moved: 2, // rescheduled to a later window
  cancelledAfterBooking: 2,
  cancelledBeforeBooking: 1,
  cancelledWarranty: 1,
  scheduled: 22,
  created: 9,
};

const CATEGORY_WEIGHTS: [CategoryKey, number][] = [
  ['acRepair', 3],
  ['plumbing', 3],
  ['appliances', 2],
  ['electrical', 2],
  ['waterHeater', 2],
  ['drains', 2],
  ['heating', 2],
  ['tuneUp', 2],
  ['gasLeak', 1],
];

/** Plans every demo job around `now`. */
export function planDemoJobs(now: Date, random: Random): PlannedJob[] {
  return new Planner(now, random).plan();
}

/** Local hours (in minutes of the day) at which people do things. */
const HOURS = {
  /** Dispatchers book, move, cancel and write internal notes during office hours. */
  office: [7 * 60, 19 * 60],
  /** Customers write in from breakfast to bedtime. */
  customer: [6 * 60 + 30, 22 * 60 + 30],
  /** The warranty network's call centre sends claims through the API. */
  network: [7 * 60, 21 * 60],
} as const satisfies Record<string, readonly [number, number]>;
type Hours = readonly [number, number];

interface Range {
  after: Date;
  before: Date;
}

class Planner {
  private readonly zone = COMPANY.timezone;
  private readonly today: DateTime;
  /**
   * The moment the technicians out on the road are at: now during the working day, otherwise the
   * end of the last working day, so nobody is "on the way" at 3 a.m.
   */
  private readonly moment: Date;
  private readonly busy = new Set<string>();
  /** Technicians already out on a visit at `moment`. */
  private readonly onTheRoad = new Set<string>();
  private readonly jobs: PlannedJob[] = [];

  constructor(
    private readonly now: Date,
    private readonly random: Random,
  ) {
    const local = DateTime.fromJSDate(now, { zone: this.zone });
    this.today = local.startOf('day');
    const minutes = local.hour * 60 + local.minute;
    if (minutes >= 9 * 60 + 30 && minutes <= 18 * 60) this.moment = now;
    else this.moment = this.at(minutes > 18 * 60 ? 0 : -1, 17, 50);
  }

  plan(): PlannedJob[] {
    const queue = this.customerQueue();
    const next = () => queue.shift()!;
    this.featured();
    for (let i = 0; i < STORY_COUNTS.enRoute; i++) this.enRoute(next());
    for (let i = 0; i < STORY_COUNTS.inProgress; i++) this.inProgress(next());
    for (let i = 0; i < STORY_COUNTS.paused; i++) this.paused(next(), false);
    for (let i = 0; i < STORY_COUNTS.followUpBooked; i++) this.paused(next(), true);
    for (let i = 0; i < STORY_COUNTS.completedAfterFollowUp; i++) this.completedAfterFollowUp(next());
    for (let i = 0; i < STORY_COUNTS.completed; i++) this.completed(next());
    for (let i = 0; i < STORY_COUNTS.moved; i++) this.moved(next());
    for (let i = 0; i < STORY_COUNTS.cancelledAfterBooking; i++) this.cancelledAfterBooking(next());
    for (let i = 0; i < STORY_COUNTS.cancelledBeforeBooking; i++) this.cancelledBeforeBooking(next());
    for (let i = 0; i < STORY_COUNTS.cancelledWarranty; i++) this.cancelledWarranty();
    for (let i = 0; i < STORY_COUNTS.scheduled; i++) this.scheduled(next());
    for (let i = 0; i < STORY_COUNTS.created; i++) this.created(next());
    if (queue.length > 0) throw new Error(`demo plan left ${queue.length} customers without a job`);
    return this.jobs;
  }

  // ---------------------------------------------------------------- time

  // Time-zone arithmetic is the slow part of planning; the same few wall-clock times recur.
  private readonly wallClock = new Map<string, number>();

  /** A local wall-clock time in the company's zone, `dayOffset` days from today. */
  private at(dayOffset: number, hour: number, minute = 0): Date {
    const key = `${dayOffset}|${hour}|${minute}`;
    let ms = this.wallClock.get(key);
    if (ms === undefined) {
      ms = this.today.plus({ days: dayOffset }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
      this.wallClock.set(key, ms);
    }
    return new Date(ms);
  }

  private slot(dayOffset: number, startHour: number): Window {
    return { start: this.at(dayOffset, startHour), end: this.at(dayOffset, startHour + WINDOW_HOURS) };
  }

  /** Which local day a moment falls on, as days from today. */
  private dayOffsetOf(moment: Date): number {
    let day = Math.floor((moment.getTime() - this.at(0, 0).getTime()) / DAY);
    while (this.at(day + 1, 0) <= moment) day++;
    while (this.at(day, 0) > moment) day--;
    return day;
  }

  /** The working window a moment falls in (the first or last one outside working hours). */
  private slotContaining(moment: Date): Window {
    const day = this.dayOffsetOf(moment);
    return this.slot(day, WINDOW_START_HOURS.filter((h) => this.at(day, h) <= moment).at(-1) ?? WINDOW_START_HOURS[0]);
  }

  private minutesBefore(moment: Date, min: number, max: number): Date {
    return new Date(moment.getTime() - this.random.int(min, max) * MINUTE);
  }

  private minutesAfter(moment: Date, min: number, max: number): Date {
    return new Date(moment.getTime() + this.random.int(min, max) * MINUTE);
  }

  private plus(moment: Date, minutes: number): Date {
    return new Date(moment.getTime() + minutes * MINUTE);
  }

  private earlier(a: Date, b: Date): Date {
    return a < b ? a : b;
  }

  /**
   * A moment in (after, before), inside the given local hours when the range allows it; undefined
   * when the range is empty.
   */
  private sample(range: Range, hours?: Hours): Date | undefined {
    const low = range.after.getTime() + MINUTE;
    const high = range.before.getTime() - MINUTE;
    if (high <= low) return range.before > range.after ? new Date((range.after.getTime() + range.before.getTime()) / 2) : undefined;
    if (hours) {
      const spans: [number, number][] = [];
      for (let day = this.dayOffsetOf(new Date(low)); this.at(day, 0).getTime() <= high; day++) {
        const open = this.at(day, Math.floor(hours[0] / 60), hours[0] % 60).getTime();
        const close = this.at(day, Math.floor(hours[1] / 60), hours[1] % 60).getTime();
        const from = Math.max(open, low);
        const to = Math.min(close, high);
        if (to > from) spans.push([from, to]);
      }
      const total = spans.reduce((sum, [from, to]) => sum + (to - from), 0);
      if (total > 0) {
        let offset = this.random.next() * total;
        for (const [from, to] of spans) {
          if (offset < to - from) return new Date(Math.floor(from + offset));
          offset -= to - from;
        }
      }
    }
    return new Date(low + Math.floor(this.random.next() * (high - low)));
  }

  /** Like `sample`, for ranges the story guarantees are not empty. */
  private within(range: Range, hours?: Hours): Date {
    const at = this.sample(range, hours);
    if (!at) throw new Error(`demo plan: empty time range ${range.after.toISOString()} – ${range.before.toISOString()}`);
    return at;
  }

  /**
   * When people ask for a visit in `window`: how long before depends on the priority, and mostly
   * stays within the category's promised response time (a few jobs end up overdue, as in life).
   */
  private requestedBefore(window: Window, job: { category: CategoryKey; priority: Priority }, latest: Date): Range {
    const [usualMin, usualMax] = { emergency: [45, 180], high: [4 * 60, 20 * 60], normal: [20 * 60, 4 * 24 * 60], low: [3 * 24 * 60, 7 * 24 * 60] }[job.priority] as [number, number];
    const max = Math.min(usualMax, CATEGORIES[job.category].slaMinutes[job.priority] - 15);
    const min = Math.min(usualMin, max / 2);
    const before = this.earlier(this.plus(window.start, -min), latest);
    const after = this.plus(window.start, -max);
    return before.getTime() - after.getTime() >= 30 * MINUTE ? { after, before } : { after: this.plus(latest, -180), before: latest };
  }

  // ---------------------------------------------------------------- people

  private customerQueue(): DemoCustomer[] {
    const others = CUSTOMERS.filter((c) => c.key !== 'whitaker');
    // Every customer has at least one job; organisations have a few more.
    const total = Object.values(STORY_COUNTS).reduce((a, b) => a + b, 0) - STORY_COUNTS.cancelledWarranty;
    const extraHouseholds = this.random.shuffle(HOUSEHOLDS.filter((c) => c.key !== 'whitaker')).slice(0, total - others.length - 2 * ORGANISATIONS.length);
    const queue = [...this.random.shuffle(others), ...this.random.shuffle([...ORGANISATIONS, ...ORGANISATIONS, ...extraHouseholds])];
    if (queue.length !== total) throw new Error(`demo plan: ${queue.length} customers queued for ${total} jobs`);
    return queue;
  }

  private dispatcher(): string {
    return this.random.pick(DISPATCHERS).key;
  }

  private qualified(category: CategoryKey): string[] {
    const needed: readonly string[] = CATEGORIES[category].requiredSkills;
    return TECHNICIANS.filter((t) => needed.every((skill) => (t.skills as readonly string[]).includes(skill))).map((t) => t.key);
  }

  private isFree(technician: string, window: Window) {
    return !this.busy.has(`${technician}|${window.start.toISOString()}`);
  }

  private claim(technician: string, window: Window) {
    this.busy.add(`${technician}|${window.start.toISOString()}`);
  }

  /** A qualified technician free in the window, or undefined. */
  private technicianFor(category: CategoryKey, window: Window, options: { notOnTheRoad?: boolean } = {}): string | undefined {
    const free = this.qualified(category).filter((t) => this.isFree(t, window) && !(options.notOnTheRoad && this.onTheRoad.has(t)));
    if (free.length === 0) return undefined;
    const technician = this.random.pick(free);
    this.claim(technician, window);
    return technician;
  }

  /** Tries windows from `candidates` until a qualified technician is free and `fits` holds. */
  private findWindow(category: CategoryKey, candidates: () => Window, fits: (w: Window) => boolean = () => true) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const window = candidates();
      if (!fits(window)) continue;
      const technician = this.technicianFor(category, window);
      if (technician) return { window, technician };
    }
    throw new Error(`demo plan: no free technician for ${category}`);
  }

  /** A category the customer might need with a technician free in the window and not already out on a visit. */
  private onTheRoadNow(customer: DemoCustomer, window: Window) {
    const preferred = this.category(customer);
    const others = this.random.shuffle(CATEGORY_WEIGHTS.map(([key]) => key)).filter((key) => key !== preferred && !(customer.warranty && key === 'tuneUp'));
    for (const category of [preferred, ...others]) {
      const technician = this.technicianFor(category, window, { notOnTheRoad: true });
      if (technician) {
        this.onTheRoad.add(technician);
        return { category, technician };
      }
    }
    throw new Error('demo plan: every technician is already out on a visit');
  }

  // ---------------------------------------------------------------- what is asked

  private category(customer: DemoCustomer): CategoryKey {
    // Warranty plans cover systems and appliances, not tune-ups.
    const weights = customer.warranty ? CATEGORY_WEIGHTS.filter(([key]) => key !== 'tuneUp') : CATEGORY_WEIGHTS;
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.random.next() * total;
    for (const [key, weight] of weights) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return weights[0]![0];
  }

  private priority(category: CategoryKey): Priority {
    if (category === 'gasLeak') return this.random.chance(0.6) ? 'emergency' : 'high';
    if (category === 'tuneUp') return this.random.chance(0.5) ? 'low' : 'normal';
    const roll = this.random.next();
    return roll < 0.08 ? 'emergency' : roll < 0.3 ? 'high' : roll < 0.85 ? 'normal' : 'low';
  }

  private entry(customer: DemoCustomer): JobEntry {
    if (customer.warranty) return this.random.chance(0.75) ? 'warranty' : 'portal';
    if (customer.kind === 'organisation') return this.random.chance(0.65) ? 'portal' : 'dispatcher';
    return this.random.chance(0.6) ? 'portal' : 'dispatcher';
  }

  private entryHours(via: JobEntry): Hours {
    return via === 'portal' ? HOURS.customer : via === 'warranty' ? HOURS.network : HOURS.office;
  }

  /**
   * A new job for a customer, asked for at some moment in `created`, with the steps every job
   * starts with: the request, and for an organisation's member sometimes the dispatcher adding the
   * organisation's admin to the job.
   */
  private newJob(
    customer: DemoCustomer,
    status: JobStatus,
    created: Range,
    options: { category?: CategoryKey; priority?: Priority; via?: JobEntry; contactIndex?: number } = {},
  ): PlannedJob {
    const category = options.category ?? this.category(customer);
    const priority = options.priority ?? this.priority(category);
    const via = options.via ?? this.entry(customer);
    const contactIndex =
      options.contactIndex ??
      (customer.contacts.length > 1 && this.random.chance(customer.kind === 'organisation' ? 0.7 : 0.3) ? this.random.int(1, customer.contacts.length - 1) : 0);
    const createdAt = this.within(created, this.entryHours(via));
    const job: PlannedJob = {
      key: `job-${String(this.jobs.length + 1).padStart(2, '0')}`,
      customer: customer.key,
      siteIndex: this.random.int(0, customer.sites.length - 1),
      contactIndex,
      category,
      priority,
      description: this.random.pick(CATEGORIES[category].requests),
      status,
      steps: [{ at: createdAt, action: { kind: 'create', via, by: this.dispatcher(), preferredWindows: via === 'dispatcher' ? [] : this.preferredWindows(createdAt) } }],
    };
    const admin = customer.contacts.findIndex((c) => c.role === 'admin');
    if (customer.kind === 'organisation' && admin >= 0 && admin !== contactIndex && this.random.chance(0.5)) {
      const addedAt = this.sample({ after: createdAt, before: this.earlier(this.plus(createdAt, 90), this.now) }, HOURS.office);
      if (addedAt) job.steps.push({ at: addedAt, action: { kind: 'add_contact', by: this.dispatcher(), contactIndex: admin } });
    }
    this.jobs.push(job);
    return job;
  }

  /** One or two windows the customer would like, in the days after they ask. */
  private preferredWindows(from: Date): Window[] {
    const fromDay = this.dayOffsetOf(from);
    const count = this.random.int(1, 2);
    const windows: Window[] = [];
    for (let i = 0; i < count; i++) {
      const window = this.slot(fromDay + 1 + i + this.random.int(0, 1), this.random.pick(WINDOW_START_HOURS.slice(0, -1)));
      // Sometimes two windows' worth, e.g. "any time Tuesday morning".
      windows.push({ start: window.start, end: this.plus(window.end, this.random.chance(0.5) ? WINDOW_HOURS * 60 : 0) });
    }
    return windows;
  }

  private via(job: PlannedJob): JobEntry {
    const create = job.steps[0]!.action;
    return create.kind === 'create' ? create.via : 'dispatcher';
  }

  private last(job: PlannedJob): Date {
    return job.steps.at(-1)!.at;
  }

  private push(job: PlannedJob, at: Date, action: PlannedAction) {
    job.steps.push({ at, action });
  }

  /** The dispatcher books the first visit, during office hours, after the request and before `latest`. */
  private book(job: PlannedJob, technician: string, window: Window, latest: Date) {
    const after = this.plus(this.last(job), job.priority === 'emergency' ? 3 : 10);
    const before = this.earlier(this.earlier(latest, this.plus(window.start, -10)), this.plus(after, job.priority === 'emergency' ? 45 : 26 * 60));
    const at = this.sample({ after, before }, HOURS.office) ?? this.within({ after: this.last(job), before: this.earlier(latest, window.end) });
    this.push(job, at, { kind: 'schedule', by: this.dispatcher(), technician, window });
  }

  private maybeCustomerNote(job: PlannedJob, before: Date, probability: number) {
    if (!this.random.chance(probability)) return;
    const at = this.sample({ after: this.plus(this.last(job), 5), before: this.plus(before, -5) }, HOURS.customer);
    if (at) this.push(job, at, { kind: 'customer_note', text: this.random.pick(CUSTOMER_NOTES) });
  }

  private maybeStaffNote(job: PlannedJob, before: Date, probability: number) {
    if (!this.random.chance(probability)) return;
    const at = this.sample({ after: this.plus(this.last(job), 5), before: this.plus(before, -5) }, HOURS.office);
    const text = this.via(job) === 'warranty' ? WARRANTY_STAFF_NOTE : this.random.pick(STAFF_NOTES);
    if (at) this.push(job, at, { kind: 'staff_note', by: this.dispatcher(), text });
  }

  private pauseMessage(job: PlannedJob) {
    return this.via(job) === 'warranty' ? WARRANTY_PAUSE_MESSAGE : this.random.pick(PAUSE_MESSAGES);
  }

  /** A visit from setting out to its start, and optionally its pause or completion. */
  private visit(job: PlannedJob, times: { setOut: Date; start: Date }, end?: { kind: 'pause' | 'complete'; at: Date }) {
    this.push(job, times.setOut, { kind: 'set_out' });
    this.push(job, times.start, { kind: 'start' });
    if (end?.kind === 'pause') this.push(job, end.at, { kind: 'pause', message: this.pauseMessage(job) });
    if (end?.kind === 'complete') this.push(job, end.at, { kind: 'complete', notes: this.random.pick(CATEGORIES[job.category].completionNotes) });
  }

  /** When a past visit went: arrival inside the window, work for about the category's duration. */
  private pastVisitTimes(category: CategoryKey, window: Window) {
    const start = this.minutesAfter(window.start, -5, 50);
    const setOut = this.minutesBefore(start, 15, 35);
    const duration = CATEGORIES[category].durationMinutes;
    const end = this.minutesAfter(start, duration - 10, duration + 35);
    const pausedAt = this.minutesAfter(start, 35, 80);
    return { setOut, start, end, pausedAt };
  }

  private futureWindow = () => this.slot(this.random.pick([0, 0, 1, 1, 1, 2, 2, 3, 4]), this.random.pick(WINDOW_START_HOURS));

  private isAhead = (window: Window) => window.start.getTime() >= this.now.getTime() + 30 * MINUTE;

  private pastWindow = (days: number[], hours: readonly number[] = WINDOW_START_HOURS) => () => this.slot(this.random.pick(days), this.random.pick(hours));

  // ---------------------------------------------------------------- the stories

  /** The job the printed customer link opens: AC repair, technician on the way right now. */
  private featured() {
    const customer = CUSTOMERS.find((c) => c.key === 'whitaker')!;
    // A tune-up last week, so the signed-in customer also has history.
    const pastWindow = this.slot(-6, 10);
    this.claim('marcus', pastWindow);
    const past = this.newJob(customer, 'completed', { after: this.at(-9, 18), before: this.at(-9, 22) }, { category: 'tuneUp', priority: 'normal', via: 'portal', contactIndex: 1 });
    const pastTimes = this.pastVisitTimes('tuneUp', pastWindow);
    this.book(past, 'marcus', pastWindow, pastTimes.setOut);
    this.visit(past, pastTimes, { kind: 'complete', at: pastTimes.end });

    const window = this.slotContaining(this.moment);
    this.claim('marcus', window);
    this.onTheRoad.add('marcus');
    const setOut = this.minutesBefore(this.moment, 10, 20);
    const day = this.dayOffsetOf(setOut);
    const job = this.newJob(customer, 'en_route', { after: this.at(day - 1, 18), before: this.at(day - 1, 22) }, { category: 'acRepair', priority: 'normal', via: 'portal', contactIndex: 0 });
    job.featured = true;
    job.description = CATEGORIES.acRepair.requests[0]!;
    this.book(job, 'marcus', window, this.plus(setOut, -40));
    this.push(job, this.within({ after: this.plus(this.last(job), 5), before: this.plus(setOut, -10) }, HOURS.customer), {
      kind: 'customer_note',
      text: 'The outdoor unit is behind the garage; we will leave the side gate open.',
    });
    this.push(job, setOut, { kind: 'set_out' });
  }

  private enRoute(customer: DemoCustomer) {
    const window = this.slotContaining(this.moment);
    const { category, technician } = this.onTheRoadNow(customer, window);
    const setOut = this.minutesBefore(this.moment, 5, 30);
    const priority = this.priority(category);
    const job = this.newJob(customer, 'en_route', this.requestedBefore(window, { category, priority }, this.minutesBefore(setOut, 60, 180)), { category, priority });
    this.book(job, technician, window, setOut);
    this.maybeCustomerNote(job, setOut, 0.5);
    this.push(job, setOut, { kind: 'set_out' });
  }

  private inProgress(customer: DemoCustomer) {
    const setOut = this.minutesBefore(this.moment, 55, 80);
    const start = this.minutesAfter(setOut, 15, 35);
    const window = this.slotContaining(start);
    const { category, technician } = this.onTheRoadNow(customer, window);
    const priority = this.priority(category);
    const job = this.newJob(customer, 'in_progress', this.requestedBefore(window, { category, priority }, this.minutesBefore(setOut, 60, 180)), { category, priority });
    this.book(job, technician, window, setOut);
    this.maybeStaffNote(job, setOut, 0.3);
    this.visit(job, { setOut, start });
  }

  /** Paused yesterday waiting for a part; with `followUp`, the follow-up visit is already booked. */
  private paused(customer: DemoCustomer, followUp: boolean) {
    const category = this.category(customer);
    const { window, technician } = this.findWindow(category, this.pastWindow([-1], [8, 10, 12, 14]));
    const priority = this.priority(category);
    const times = this.pastVisitTimes(category, window);
    const job = this.newJob(customer, followUp ? 'rescheduled' : 'paused', this.requestedBefore(window, { category, priority }, this.minutesBefore(times.setOut, 60, 240)), { category, priority });
    this.book(job, technician, window, times.setOut);
    this.maybeCustomerNote(job, times.setOut, 0.3);
    this.visit(job, times, { kind: 'pause', at: times.pausedAt });
    if (followUp) {
      const next = this.findWindow(category, () => this.slot(this.random.int(1, 3), this.random.pick(WINDOW_START_HOURS)));
      const at = this.within({ after: this.plus(times.pausedAt, 30), before: this.earlier(this.plus(times.pausedAt, 24 * 60), this.now) }, HOURS.office);
      this.push(job, at, { kind: 'reschedule', by: this.dispatcher(), window: next.window, technician: next.technician, reason: this.random.pick(FOLLOW_UP_REASONS) });
    }
  }

  private completedAfterFollowUp(customer: DemoCustomer) {
    const category = this.category(customer);
    const first = this.findWindow(category, this.pastWindow([-5, -4, -3], [8, 10, 12, 14]));
    const priority = this.priority(category);
    const visit1 = this.pastVisitTimes(category, first.window);
    const job = this.newJob(customer, 'completed', this.requestedBefore(first.window, { category, priority }, this.minutesBefore(visit1.setOut, 60, 240)), { category, priority });
    this.book(job, first.technician, first.window, visit1.setOut);
    this.visit(job, visit1, { kind: 'pause', at: visit1.pausedAt });
    const second = this.findWindow(category, this.pastWindow([-2, -1], [8, 10, 12, 14]));
    const visit2 = this.pastVisitTimes(category, second.window);
    const bookedAt = this.within({ after: this.plus(visit1.pausedAt, 30), before: this.earlier(this.plus(visit1.pausedAt, 24 * 60), this.plus(visit2.setOut, -30)) }, HOURS.office);
    this.push(job, bookedAt, { kind: 'reschedule', by: this.dispatcher(), window: second.window, technician: second.technician, reason: this.random.pick(FOLLOW_UP_REASONS) });
    this.visit(job, visit2, { kind: 'complete', at: visit2.end });
  }

  private completed(customer: DemoCustomer) {
    const category = this.category(customer);
    const latestEnd = this.moment.getTime() - 5 * MINUTE;
    let times: ReturnType<Planner['pastVisitTimes']> | undefined;
    const { window, technician } = this.findWindow(category, this.pastWindow([-6, -5, -4, -3, -2, -1, -1, -1, 0, 0]), (w) => {
      times = this.pastVisitTimes(category, w);
      return times.end.getTime() <= latestEnd;
    });
    const visit = times!;
    const priority = this.priority(category);
    const job = this.newJob(customer, 'completed', this.requestedBefore(window, { category, priority }, this.minutesBefore(visit.setOut, 60, 240)), { category, priority });
    this.book(job, technician, window, visit.setOut);
    this.maybeCustomerNote(job, visit.setOut, 0.25);
    this.maybeStaffNote(job, visit.setOut, 0.15);
    this.visit(job, visit, { kind: 'complete', at: visit.end });
  }

  /** Booked, then moved to a later window (sometimes with another technician). */
  private moved(customer: DemoCustomer) {
    const category = this.category(customer);
    const first = this.findWindow(category, () => this.slot(this.random.int(1, 2), this.random.pick(WINDOW_START_HOURS)));
    const second = this.findWindow(category, () => this.slot(this.random.int(2, 4), this.random.pick(WINDOW_START_HOURS)), (w) => w.start > first.window.start);
    const movedAt = this.within({ after: this.plus(this.now, -30 * 60), before: this.plus(this.now, -20) }, HOURS.office);
    const roll = this.priority(category);
    // Nobody moves an emergency to another day.
    const priority = roll === 'emergency' ? 'high' : roll;
    const job = this.newJob(customer, 'rescheduled', this.requestedBefore(first.window, { category, priority }, this.plus(movedAt, -3 * 60)), { category, priority });
    this.book(job, first.technician, first.window, this.plus(movedAt, -30));
    this.push(job, movedAt, { kind: 'reschedule', by: this.dispatcher(), window: second.window, technician: second.technician, reason: this.random.pick(RESCHEDULE_REASONS) });
  }

  private cancelledAfterBooking(customer: DemoCustomer) {
    const category = this.category(customer);
    const { window, technician } = this.findWindow(category, () => this.slot(this.random.int(1, 3), this.random.pick(WINDOW_START_HOURS)));
    const cancelledAt = this.within({ after: this.plus(this.now, -24 * 60), before: this.plus(this.now, -30) }, HOURS.office);
    const job = this.newJob(customer, 'cancelled', { after: this.plus(cancelledAt, -72 * 60), before: this.plus(cancelledAt, -24 * 60) }, { category });
    this.book(job, technician, window, this.plus(cancelledAt, -60));
    this.push(job, cancelledAt, { kind: 'cancel', by: this.dispatcher(), reason: this.random.pick(CANCEL_AFTER_BOOKING_REASONS) });
  }

  private cancelledBeforeBooking(customer: DemoCustomer) {
    const job = this.newJob(customer, 'cancelled', { after: this.plus(this.now, -40 * 60), before: this.plus(this.now, -6 * 60) });
    const at = this.within({ after: this.plus(this.last(job), 10), before: this.earlier(this.plus(this.last(job), 20 * 60), this.now) }, HOURS.office);
    this.push(job, at, { kind: 'cancel', by: this.dispatcher(), reason: CANCEL_DUPLICATE_REASON });
  }

  /** A warranty claim the network sent that the plan does not cover. */
  private cancelledWarranty() {
    const customer = this.random.pick(HOUSEHOLDS.filter((c) => c.warranty));
    const job = this.newJob(customer, 'cancelled', { after: this.plus(this.now, -72 * 60), before: this.plus(this.now, -24 * 60) }, { via: 'warranty', category: 'appliances', priority: 'normal' });
    const at = this.within({ after: this.plus(this.last(job), 30), before: this.plus(this.last(job), 20 * 60) }, HOURS.office);
    this.push(job, at, { kind: 'cancel', by: this.dispatcher(), reason: CANCEL_NOT_COVERED_REASON });
  }

  private scheduled(customer: DemoCustomer) {
    const category = this.category(customer);
    const { window, technician } = this.findWindow(category, this.futureWindow, this.isAhead);
    const roll = this.priority(category);
    // Emergencies are out the door the same hour; the ones booked ahead are at most urgent.
    const priority = roll === 'emergency' ? 'high' : roll;
    const job = this.newJob(customer, 'scheduled', this.requestedBefore(window, { category, priority }, this.minutesBefore(this.now, 45, 600)), { category, priority });
    this.book(job, technician, window, this.now);
    this.maybeCustomerNote(job, this.now, 0.3);
    this.maybeStaffNote(job, this.now, 0.15);
  }

  private created(customer: DemoCustomer) {
    const job = this.newJob(customer, 'created', { after: this.plus(this.now, -26 * 60), before: this.plus(this.now, -10) });
    this.maybeCustomerNote(job, this.now, 0.2);
  }
}

/**
 * Checks that every job's story could have happened: steps in order, none in the future, visits
 * booked before their window ends, technicians only where they were booked. Throws naming the job.
 */
export function checkPlan(jobs: PlannedJob[], now: Date): void {
  for (const job of jobs) {
    const fail = (why: string) => {
      throw new Error(`demo plan: ${job.key} (${job.status}) ${why}`);
    };
    if (job.steps[0]?.action.kind !== 'create') fail('does not start with its creation');
    let previous = 0;
    let booked: Window | undefined;
    for (const step of job.steps) {
      const at = step.at.getTime();
      if (Number.isNaN(at)) fail(`has an invalid time for ${step.action.kind}`);
      if (at <= previous) fail(`has ${step.action.kind} at ${step.at.toISOString()}, not after the step before`);
      if (at > now.getTime()) fail(`has ${step.action.kind} in the future (${step.at.toISOString()})`);
      previous = at;
      const action = step.action;
      if (action.kind === 'schedule' || action.kind === 'reschedule') {
        if (action.window.end.getTime() <= at) fail(`books a window that has already ended (${action.window.start.toISOString()})`);
        booked = action.window;
      }
      if ((action.kind === 'set_out' || action.kind === 'start') && !booked) fail(`has ${action.kind} without a booked visit`);
    }
  }
}
