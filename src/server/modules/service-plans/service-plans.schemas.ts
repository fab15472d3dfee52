import { Type } from 'typebox';
import { DateTime, Id, Nullable, Strict } from '../../lib/schemas.js';

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "A local date in the company's time zone (YYYY-MM-DD)", examples: ['2026-12-15'] });

export const FrequencySchema = Type.Object(
  {
    every: Type.Integer({ minimum: 1, maximum: 52, description: 'How many units between visits' }),
    unit: Type.Enum(['week', 'month', 'year']),
  },
  { ...Strict, description: 'Every N weeks, months or years', examples: [{ every: 6, unit: 'month' }] },
);

const Rrule = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'RFC 5545 recurrence rule ("FREQ=MONTHLY;INTERVAL=6", optionally with RRULE: and a DTSTART line); weekly, monthly or yearly',
  examples: ['FREQ=MONTHLY;INTERVAL=6'],
});
const TimeOfDay = Type.Enum(['morning', 'afternoon'], { description: 'Morning: windows starting before noon; afternoon: from noon' });
const Reason = Type.String({ maxLength: 500 });

export const CreatePlanBody = Type.Object(
  {
    customerId: Id,
    locationId: Id,
    categoryId: Id,
    name: Type.Optional(Type.String({ maxLength: 120, description: "Defaults to the service category's name" })),
    frequency: Type.Optional(FrequencySchema),
    rrule: Type.Optional(Rrule),
    startDate: LocalDate,
    endDate: Type.Optional(Nullable(LocalDate)),
    count: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000, description: 'Number of visits, instead of an end date' }))),
    preferredTimeOfDay: Type.Optional(Nullable(TimeOfDay)),
    preferredTechnicianId: Type.Optional(Nullable(Id)),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  Strict,
);

export const PlanParams = Type.Object({ planId: Id });

export const UpdatePlanBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 120 })),
    locationId: Type.Optional(Id),
    frequency: Type.Optional(FrequencySchema),
    rrule: Type.Optional(Rrule),
    startDate: Type.Optional(LocalDate),
    endDate: Type.Optional(Nullable(LocalDate)),
    count: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
    preferredTimeOfDay: Type.Optional(Nullable(TimeOfDay)),
    preferredTechnicianId: Type.Optional(Nullable(Id)),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  Strict,
);

export const FrequencyBody = Type.Object({ frequency: FrequencySchema }, Strict);
export const SkipBody = Type.Object({ date: LocalDate, reason: Type.Optional(Reason) }, Strict);
/** Suspending or ending: why, kept on the timelines of the visits it cancels. */
export const ReasonBody = Type.Object({ reason: Type.Optional(Reason) }, Strict);

export const PlanListQuery = Type.Object(
  {
    customerId: Type.Optional(Id),
    status: Type.Optional(Type.String({ pattern: '^(active|suspended|ended)(,(active|suspended|ended))*$', description: 'Comma-separated statuses' })),
  },
  Strict,
);

export const PlanVisit = Type.Object({
  date: LocalDate,
  state: Type.Enum(['booked', 'unscheduled', 'in_progress', 'completed', 'cancelled', 'skipped', 'planned'], {
    description: 'planned: the rule brings it but it is not generated yet; unscheduled: generated, no window was free, the office will book it',
  }),
  jobId: Nullable(Id),
  jobReference: Nullable(Type.String()),
  windowStart: Nullable(DateTime),
  windowEnd: Nullable(DateTime),
  technicianName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

export const ServicePlan = Type.Object({
  id: Id,
  name: Type.String(),
  status: Type.Enum(['active', 'suspended', 'ended']),
  customer: Type.Object({ id: Id, name: Type.String() }),
  location: Type.Object({ id: Id, label: Nullable(Type.String()), address: Type.String() }),
  category: Type.Object({ id: Id, name: Type.String() }),
  rrule: Type.String({ description: 'RFC 5545 text, DTSTART in the company time zone' }),
  frequency: Nullable(FrequencySchema),
  frequencyText: Type.String({ examples: ['Every 6 months'] }),
  startDate: LocalDate,
  endDate: Nullable(LocalDate),
  count: Nullable(Type.Integer()),
  timezone: Type.String(),
  preferredTimeOfDay: Nullable(TimeOfDay),
  preferredTechnician: Nullable(Type.Object({ id: Id, name: Type.String() })),
  notes: Type.String(),
  suspendedAt: Nullable(DateTime),
  statusChangedBy: Nullable(Type.String()),
  statusReason: Nullable(Type.String()),
  nextVisit: Nullable(PlanVisit),
  upcoming: Type.Array(PlanVisit),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const ServicePlanList = Type.Object({ items: Type.Array(ServicePlan), frequencyChoices: Type.Array(FrequencySchema) });
