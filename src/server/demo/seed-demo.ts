/**
 * Seeds the demo company through the services, as people would have built it: the owner sets the
 * company up, staff and customers are added, and every job lives its story step by step (request,
 * booking, "on my way", pause, completion…) with the clock pinned to each step's moment, so the
 * timelines, notifications and references are the ones real use would have left.
 */
import type { Db } from '../db/database.js';
import { hashPassword } from '../lib/passwords.js';
import type { CustomerPrincipal, IntegrationPrincipal, StaffPrincipal } from '../modules/accounts/principal.js';
import type { LocationInput } from '../modules/customers/customers.service.js';
import type { JobStatus } from '../modules/jobs/job-state-machine.js';
import type { Services } from '../services.js';
import {
  ADMIN,
  CATEGORIES,
  COMPANY,
  CUSTOMERS,
  DEMO_RANDOM_SEED,
  DEMO_SLUG,
  DEMO_STAFF_EMAIL_DOMAIN,
  DISPATCHERS,
  NEIGHBOURHOODS,
  TECHNICIANS,
  WARRANTY_SOURCE,
  type CategoryKey,
  type DemoCustomer,
  type DemoPerson,
} from './demo-data.js';
import { checkPlan, planDemoJobs, type PlannedAction, type PlannedJob, type Window } from './demo-plan.js';
import { createRandom, type Random } from './random.js';
import { seedDemoFeatures, type DemoFeaturesResult } from './seed-demo-features.js';

/** A clock the seeder can move; the app's services must read the same clock. */
export interface SettableClock {
  set(at: Date): void;
}

export interface DemoSeedTarget {
  services: Services;
  db: Db;
  clock: SettableClock;
}

export interface DemoSeedOptions {
  /** The moment the demo is built around: jobs happened before it, visits are booked after it. */
  now: Date;
  /** Every staff account's password for this run. */
  staffPassword: string;
  passwordHashCost: number;
  /** Defaults to DEMO_SLUG; tests that share a database pass their own. */
  slug?: string;
  /** Defaults to DEMO_STAFF_EMAIL_DOMAIN; staff emails are unique across companies. */
  staffEmailDomain?: string;
  seed?: number;
}

export interface DemoStaffMember {
  key: string;
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'dispatcher' | 'technician';
}

export interface DemoCustomerRecord {
  key: string;
  id: string;
  name: string;
  kind: 'household' | 'organisation';
  contacts: { id: string; name: string; email: string; role: 'admin' | 'member' }[];
  locations: { id: string; input: LocationInput }[];
}

export interface DemoJobRecord {
  key: string;
  id: string;
  reference: string;
  status: JobStatus;
  customerKey: string;
  contactId: string;
  featured: boolean;
}

export interface DemoSeedResult {
  company: { id: string; slug: string; name: string };
  admin: DemoStaffMember;
  dispatchers: DemoStaffMember[];
  technicians: DemoStaffMember[];
  customers: DemoCustomerRecord[];
  jobs: DemoJobRecord[];
  warranty: { sourceId: string; apiKey: string };
  /** Billing, payments, service plans, dispatch rules, messages and surveys over those jobs. */
  features: DemoFeaturesResult;
}

const DAY = 24 * 60 * 60 * 1000;

/** Builds the demo company and plays every job's story through the services. */
export async function seedDemo(target: DemoSeedTarget, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const { services, db, clock } = target;
  const seed = options.seed ?? DEMO_RANDOM_SEED;
  const plan = planDemoJobs(options.now, createRandom(seed));
  checkPlan(plan, options.now);
  // Addresses and ages come from their own generator, so editing the plan does not move houses.
  const random = createRandom(seed + 1);
  const daysAgo = (days: number) => new Date(options.now.getTime() - days * DAY);
  const domain = options.staffEmailDomain ?? DEMO_STAFF_EMAIL_DOMAIN;
  const emailOf = (person: DemoPerson) => `${person.emailLocal}@${domain}`;

  // ---- the company, as its owner set it up a year ago
  clock.set(daysAgo(400));
  const adminHash = await hashPassword(options.staffPassword, options.passwordHashCost);
  const { company, adminId } = await db.transaction().execute((trx) =>
    services.companies.createCompanyWithAdmin(
      trx,
      { name: COMPANY.name, slug: options.slug ?? DEMO_SLUG, timezone: COMPANY.timezone, phone: COMPANY.phone, email: COMPANY.email, brandColor: COMPANY.brandColor, referencePrefix: COMPANY.referencePrefix },
      { name: ADMIN.name, email: emailOf(ADMIN), passwordHash: adminHash },
    ),
  );
  const companyId = company.id;
  const admin: DemoStaffMember = { key: ADMIN.key, id: adminId, name: ADMIN.name, email: emailOf(ADMIN), role: 'admin' };
  const asStaff = (member: DemoStaffMember): StaffPrincipal => ({ role: member.role, companyId, userId: member.id, sessionId: 'demo-seed', name: member.name, email: member.email });

  // ---- staff (hashing the passwords dominates, so they are created side by side)
  clock.set(daysAgo(380));
  const addStaff = async (person: DemoPerson, role: 'dispatcher' | 'technician'): Promise<DemoStaffMember> => {
    const user = await services.accounts.createUser(companyId, { email: emailOf(person), name: person.name, role, password: options.staffPassword });
    return { key: person.key, id: user.id, name: person.name, email: user.email, role };
  };
  const [dispatchers, technicians] = await Promise.all([
    Promise.all(DISPATCHERS.map((d) => addStaff(d, 'dispatcher'))),
    Promise.all(TECHNICIANS.map((t) => addStaff(t, 'technician'))),
  ]);
  const dispatcherByKey = new Map(dispatchers.map((d) => [d.key, d]));
  const technicianByKey = new Map(technicians.map((t) => [t.key, t]));

  for (const technician of TECHNICIANS) {
    const member = technicianByKey.get(technician.key)!;
    clock.set(daysAgo(random.int(200, 360)));
    // A technician writes their own profile; the bio then waits for a dispatcher.
    await services.technicians.updateProfile(asStaff(member), member.id, {
      phone: technician.phone,
      photoUrl: null,
      bio: technician.bio,
      skills: technician.skills,
      homeBase: { address: technician.home.address, lat: technician.home.lat, lng: technician.home.lng },
    });
    if (technician.bio && technician.bioApproved) {
      clock.set(daysAgo(random.int(100, 199)));
      await services.technicians.approveBio(asStaff(dispatchers[0]!), member.id);
    }
  }

  // ---- the service catalogue and the warranty network
  clock.set(daysAgo(395));
  const categoryIds = new Map<CategoryKey, string>();
  for (const [key, category] of Object.entries(CATEGORIES) as [CategoryKey, (typeof CATEGORIES)[CategoryKey]][]) {
    const created = await services.categories.create(companyId, {
      name: category.name,
      description: category.description,
      defaultDurationMinutes: category.durationMinutes,
      requiredSkills: [...category.requiredSkills],
      slaMinutes: { ...category.slaMinutes },
    });
    categoryIds.set(key, created.id);
  }
  clock.set(daysAgo(300));
  const warrantySource = await services.sources.create(companyId, { name: WARRANTY_SOURCE.name, hideTechnicianBios: WARRANTY_SOURCE.hideTechnicianBios });
  const warrantyKey = await services.sources.createApiKey(companyId, warrantySource.id, WARRANTY_SOURCE.apiKeyName);
  const companySource = await services.sources.requireByKind(companyId, 'company');
  const network: IntegrationPrincipal = { role: 'integration', companyId, sourceId: warrantySource.id, apiKeyId: warrantyKey.id, name: warrantySource.name };

  // ---- customers, each added some time in the past year
  const customers = new Map<string, DemoCustomerRecord>();
  for (const customer of CUSTOMERS) {
    clock.set(daysAgo(random.int(20, 370)));
    const locations = customer.sites.map((site) => locationInput(site, random));
    const created = await services.customers.create(companyId, {
      kind: customer.kind,
      name: customer.name,
      // Both adults of a household run it; organisations name their admins.
      contacts: customer.contacts.map((c) => ({ name: c.name, email: c.email, phone: c.phone, role: customer.kind === 'household' ? 'admin' : (c.role ?? 'member') })),
      locations,
    });
    customers.set(customer.key, {
      key: customer.key,
      id: created.id,
      name: created.name,
      kind: customer.kind,
      // The service lists contacts and locations in its own order; match them back by email and street.
      contacts: customer.contacts.map((c) => {
        const contact = created.contacts.find((row) => row.email === c.email.toLowerCase())!;
        return { id: contact.id, name: contact.name, email: contact.email!, role: contact.role };
      }),
      locations: locations.map((input) => ({ id: created.locations.find((row) => row.line1 === input.line1 && row.line2 === (input.line2 ?? null))!.id, input })),
    });
  }

  // ---- the jobs, every step in the order it happened
  const players = plan.map((job) => new JobPlayer(job, { services, companyId, customers, categoryIds, dispatcherByKey, technicianByKey, companySourceId: companySource.id, network, random }));
  const steps = players.flatMap((player, j) => player.job.steps.map((step, i) => ({ player, step, order: j * 1000 + i })));
  steps.sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.order - b.order);
  for (const { player, step } of steps) {
    clock.set(step.at);
    await player.play(step.action);
  }
  clock.set(options.now);

  const jobs = players.map((p) => p.record());
  const stored = await db.selectFrom('jobs').select(['id', 'status']).where('company_id', '=', companyId).execute();
  const storedStatus = new Map(stored.map((row) => [row.id, row.status]));
  for (const job of jobs) {
    if (storedStatus.get(job.id) !== job.status) throw new Error(`demo seed: ${job.key} ended ${storedStatus.get(job.id)}, planned ${job.status}`);
  }

  // ---- what the office and the customers did around those jobs: billing, plans, messages, surveys
  const features = await seedDemoFeatures({
    services,
    clock,
    companyId,
    now: options.now,
    admin,
    dispatchers,
    technicians,
    customers,
    categoryIds,
    stories: players.map((player, i) => ({ record: jobs[i]!, plan: player.job })),
  });
  clock.set(options.now);

  return {
    company: { id: companyId, slug: company.slug, name: company.name },
    admin,
    dispatchers,
    technicians,
    customers: [...customers.values()],
    jobs,
    warranty: { sourceId: warrantySource.id, apiKey: warrantyKey.key },
    features,
  };
}

/** A street address in the site's neighbourhood, a few hundred metres around its middle. */
function locationInput(site: DemoCustomer['sites'][number], random: Random): LocationInput {
  const area = NEIGHBOURHOODS[site.neighbourhood];
  const street = site.street ?? `${random.int(10, 79) * 100 + random.int(0, 48) * 2 + random.int(0, 1)} ${random.pick(area.streets)}`;
  const jitter = (spread: number) => Math.round((random.next() * 2 - 1) * spread * 1e5) / 1e5;
  return {
    label: site.label,
    line1: street,
    line2: site.line2 ?? null,
    city: COMPANY.city,
    region: COMPANY.region,
    postalCode: area.postalCode,
    country: COMPANY.country,
    lat: Math.round((area.lat + jitter(0.006)) * 1e5) / 1e5,
    lng: Math.round((area.lng + jitter(0.007)) * 1e5) / 1e5,
    accessNotes: site.accessNotes ?? null,
  };
}

interface PlayerContext {
  services: Services;
  companyId: string;
  customers: Map<string, DemoCustomerRecord>;
  categoryIds: Map<CategoryKey, string>;
  dispatcherByKey: Map<string, DemoStaffMember>;
  technicianByKey: Map<string, DemoStaffMember>;
  companySourceId: string;
  network: IntegrationPrincipal;
  random: Random;
}

/** Plays one job's planned steps through the services, remembering its id and current visit. */
class JobPlayer {
  private id: string | undefined;
  private reference = '';
  private appointmentId: string | undefined;
  private technician: DemoStaffMember | undefined;

  constructor(
    readonly job: PlannedJob,
    private readonly ctx: PlayerContext,
  ) {}

  private get customer() {
    return this.ctx.customers.get(this.job.customer)!;
  }

  private get contact() {
    return this.customer.contacts[this.job.contactIndex]!;
  }

  private get jobId() {
    if (!this.id) throw new Error(`demo seed: ${this.job.key} acted on before it was created`);
    return this.id;
  }

  private staff(key: string): StaffPrincipal {
    const member = this.ctx.dispatcherByKey.get(key) ?? this.ctx.technicianByKey.get(key);
    if (!member) throw new Error(`demo seed: no staff member "${key}"`);
    return { role: member.role, companyId: this.ctx.companyId, userId: member.id, sessionId: 'demo-seed', name: member.name, email: member.email };
  }

  private customerPrincipal(): CustomerPrincipal {
    const contact = this.contact;
    return {
      role: contact.role === 'admin' ? 'customer_admin' : 'customer_member',
      companyId: this.ctx.companyId,
      contactId: contact.id,
      customerId: this.customer.id,
      sessionId: 'demo-seed',
      name: contact.name,
    };
  }

  private technicianPrincipal(): StaffPrincipal {
    if (!this.technician || !this.appointmentId) throw new Error(`demo seed: ${this.job.key} has no booked visit`);
    return this.staff(this.technician.key);
  }

  /** The visit the job is on now: the one with the highest number. */
  private remember(view: { visits: { id: string; visitNumber: number; technician: { id: string } | null }[] }) {
    const current = view.visits.reduce((a, b) => (b.visitNumber > a.visitNumber ? b : a));
    this.appointmentId = current.id;
    this.technician = [...this.ctx.technicianByKey.values()].find((t) => t.id === current.technician?.id);
  }

  record(): DemoJobRecord {
    return { key: this.job.key, id: this.jobId, reference: this.reference, status: this.job.status, customerKey: this.job.customer, contactId: this.contact.id, featured: this.job.featured === true };
  }

  async play(action: PlannedAction): Promise<void> {
    const { services } = this.ctx;
    const iso = (w: Window) => ({ windowStart: w.start.toISOString(), windowEnd: w.end.toISOString() });
    switch (action.kind) {
      case 'create':
        return this.create(action.via, action.by, action.preferredWindows);
      case 'add_contact': {
        const contact = this.customer.contacts[action.contactIndex]!;
        await services.jobs.addContact(this.staff(action.by), this.jobId, { contactId: contact.id, notify: true });
        return;
      }
      case 'schedule':
        this.remember(await services.jobs.schedule(this.staff(action.by), this.jobId, { technicianId: this.ctx.technicianByKey.get(action.technician)!.id, ...iso(action.window) }));
        return;
      case 'reschedule':
        this.remember(
          await services.jobs.reschedule(this.staff(action.by), this.jobId, { ...iso(action.window), technicianId: this.ctx.technicianByKey.get(action.technician)!.id, reason: action.reason }),
        );
        return;
      case 'set_out':
      case 'start':
        await services.jobs.technicianStep(this.technicianPrincipal(), this.appointmentId!, action.kind);
        return;
      case 'pause':
        await services.jobs.technicianStep(this.technicianPrincipal(), this.appointmentId!, 'pause', { message: action.message });
        return;
      case 'complete':
        await services.jobs.technicianStep(this.technicianPrincipal(), this.appointmentId!, 'complete', { notes: action.notes, attachmentIds: [] });
        return;
      case 'cancel':
        await services.jobs.cancel(this.staff(action.by), this.jobId, { reason: action.reason });
        return;
      case 'customer_note':
        await services.portal.addNote(this.customerPrincipal(), this.jobId, { text: action.text, attachmentIds: [] });
        return;
      case 'staff_note': {
        const by = this.staff(action.by);
        await services.jobs.addNote(by, this.jobId, { text: action.text, attachmentIds: [], visibility: 'staff' }, { kind: 'user', id: by.userId });
        return;
      }
      default: {
        const unknown: never = action;
        throw new Error(`demo seed: unknown step ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async create(via: 'portal' | 'warranty' | 'dispatcher', by: string, preferred: Window[]) {
    const { services } = this.ctx;
    const categoryId = this.ctx.categoryIds.get(this.job.category)!;
    const location = this.customer.locations[this.job.siteIndex]!;
    const preferredWindows = preferred.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() }));
    if (via === 'portal') {
      const answer = await services.portal.submitRequest(this.customerPrincipal(), {
        categoryId,
        description: this.job.description,
        priority: this.job.priority,
        slaAcknowledged: true,
        location: { locationId: location.id },
        preferredWindows,
        attachmentIds: [],
      });
      this.id = answer.job.id;
      this.reference = answer.job.reference;
      return;
    }
    if (via === 'warranty') {
      // The network sends the member's details; Arrivo matches them to the customer it knows.
      const claim = `HS-${this.ctx.random.int(1_000_000, 9_999_999)}`;
      const contact = this.contact;
      const answer = await services.intake.createJob(
        this.ctx.network,
        {
          externalRef: claim,
          categoryId,
          priority: this.job.priority,
          description: this.job.description,
          customer: { name: this.customer.name, kind: 'household', contact: { name: contact.name, email: contact.email } },
          location: location.input,
          preferredWindows,
          notificationsEnabled: true,
        },
        claim,
      );
      this.id = answer.body.id;
      this.reference = answer.body.reference;
      return;
    }
    const job = await services.jobs.create(this.staff(by), {
      customerId: this.customer.id,
      locationId: location.id,
      categoryId,
      sourceId: this.ctx.companySourceId,
      priority: this.job.priority,
      description: this.job.description,
      contactIds: [this.contact.id],
      notificationsEnabled: true,
      preferredWindows: [],
    });
    this.id = job.id;
    this.reference = job.reference;
  }
}
