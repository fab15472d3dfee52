import { Type } from 'typebox';
import { DateTime, Id, Nullable, PriorityEnum, Strict } from '../../lib/schemas.js';
import { RULE_KEYS } from './assignment-rules.js';

export const RuleKeyEnum = Type.Enum([...RULE_KEYS], {
  description: 'skills: required skills (filter) · territory: the address in their territories (filter or preference) · priority_sla: emergencies to the soonest arrival within the SLA · preferred_technician: the customer’s preferred (or last) technician · load_balance: the lightest day · travel: the least added driving',
});

export const AssignmentRuleSchema = Type.Object(
  {
    key: RuleKeyEnum,
    enabled: Type.Boolean(),
    weight: Type.Integer({ minimum: 0, maximum: 10, description: 'How much a preference counts (0–10); filters ignore it' }),
    mode: Type.Optional(Type.Enum(['filter', 'prefer'], { description: 'territory only: leave technicians outside their territories out, or only rank them lower' })),
    measure: Type.Optional(Type.Enum(['visits', 'minutes'], { description: 'load_balance only: count visits, or booked minutes, that day' })),
    fallbackToLastTechnician: Type.Optional(Type.Boolean({ description: 'preferred_technician only: without a preferred technician, favour the one who last served the customer' })),
    priorities: Type.Optional(Type.Array(PriorityEnum, { maxItems: 4, description: 'priority_sla only: the priorities it applies to' })),
  },
  Strict,
);

const RulesFields = {
  autoAssignNewRequests: Type.Boolean({ description: 'New jobs get a window and a technician automatically' }),
  autoAssignBookings: Type.Boolean({ description: 'Bookings without a chosen technician are assigned by the rules (otherwise: the least added driving)' }),
  rules: Type.Array(AssignmentRuleSchema, { minItems: 1, maxItems: 12, description: 'Every rule once, in priority order' }),
};

export const DispatchRulesBody = Type.Object(RulesFields, Strict);

export const DispatchRulesView = Type.Object({
  ...RulesFields,
  updatedAt: Nullable(DateTime),
  updatedBy: Nullable(Type.String()),
});

export const SuggestionsQuery = Type.Object(
  {
    windowStart: Type.Optional(DateTime),
    windowEnd: Type.Optional(DateTime),
  },
  Strict,
);

export const AutoAssignBody = Type.Object(
  {
    windowStart: Type.Optional(DateTime),
    windowEnd: Type.Optional(DateTime),
  },
  Strict,
);

const Person = Type.Object({ id: Id, name: Type.String() });

export const RankedTechnician = Type.Object({
  technicianId: Id,
  name: Type.String(),
  eligible: Type.Boolean({ description: 'Fits the window and passes every filter' }),
  excludedBy: Nullable(Type.Enum(['unavailable', 'skills', 'territory'])),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  reason: Type.String({ examples: ['Has the gas-safe skill · covers 787* · 2 visits that day, the fewest'] }),
  plannedArrival: Nullable(DateTime),
  addedTravelMinutes: Nullable(Type.Integer()),
});

export const AssignmentSuggestions = Type.Object({
  window: Nullable(Type.Object({ start: DateTime, end: DateTime, source: Type.Enum(['current', 'proposed', 'first_available']) })),
  priority: PriorityEnum,
  slaDueAt: Nullable(DateTime),
  current: Nullable(
    Type.Object({
      technician: Nullable(Person),
      method: Nullable(Type.Enum(['auto', 'customer', 'manual'])),
      reason: Nullable(Type.String()),
      assignedBy: Nullable(Person),
    }),
  ),
  candidates: Type.Array(RankedTechnician),
});

export const CustomerParams = Type.Object({ customerId: Id });
export const PreferredTechnicianBody = Type.Object({ technicianId: Nullable(Id) }, Strict);
export const PreferredTechnicianView = Type.Object({ customerId: Id, technician: Nullable(Person) });
