import { Type } from 'typebox';
import { DateTime, Id, NonEmpty, Nullable, Strict } from '../../lib/schemas.js';

const LocalDate = (description: string) => Type.String({ format: 'date', description, examples: ['2026-01-14'] });
const Clock = (description: string) => Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description, examples: ['08:00'] });

export const RangeQuery = {
  from: Type.Optional(LocalDate("First day, in the company's time zone; today by default")),
  to: Type.Optional(LocalDate('Last day, included; 14 days from `from` by default, at most 31')),
};

export const StaffAvailabilityQuery = Type.Object(
  {
    categoryId: Id,
    locationId: Id,
    jobId: Type.Optional(Type.String({ format: 'uuid', description: 'When moving this job’s visit: it does not block itself' })),
    ...RangeQuery,
  },
  Strict,
);

export const CustomerAvailabilityQuery = Type.Object({ categoryId: Id, locationId: Id, ...RangeQuery }, Strict);
export const JobAvailabilityQuery = Type.Object({ ...RangeQuery }, Strict);

const WindowBase = {
  date: Type.String({ description: "The window's local date" }),
  start: DateTime,
  end: DateTime,
};

const Envelope = {
  timezone: Type.String({ examples: ['America/Chicago'] }),
  from: Type.String(),
  to: Type.String(),
  durationMinutes: Type.Integer({ description: 'How long the visit is planned to take' }),
  windowMinutes: Type.Integer(),
};

const StaffCandidate = Type.Object({
  id: Id,
  name: Type.String(),
  addedTravelMinutes: Type.Integer({ description: 'Driving the visit adds to their day' }),
  plannedArrival: DateTime,
});

export const StaffAvailability = Type.Object({
  ...Envelope,
  windows: Type.Array(Type.Object({ ...WindowBase, suggested: StaffCandidate, technicians: Type.Array(StaffCandidate) })),
});

export const CustomerWindow = Type.Object({
  ...WindowBase,
  technicians: Type.Optional(Type.Array(Type.Object({ id: Id, name: Type.String() }), { description: 'Only when the company lets customers choose' })),
});

export const CustomerAvailability = Type.Object({
  ...Envelope,
  bookableUntil: Type.String({ description: 'The last local date customers may book (today + the horizon): later ranges have no windows' }),
  windows: Type.Array(CustomerWindow),
});

export const BookingBody = Type.Object(
  {
    windowStart: Type.String({ format: 'date-time', description: 'The start of one of the offered windows' }),
    technicianId: Type.Optional(Type.String({ format: 'uuid', description: 'Only when the company lets customers choose' })),
  },
  Strict,
);

export const BookingPolicySchema = Type.Object({
  windowMinutes: Type.Integer(),
  leadTimeMinutes: Type.Integer(),
  horizonDays: Type.Integer(),
  rescheduleCutoffMinutes: Type.Integer(),
  cancelCutoffMinutes: Type.Integer(),
  bufferMinutes: Type.Integer(),
  customersMayChooseTechnician: Type.Boolean(),
  timezone: Type.String(),
  defaultWorkingHours: Type.Array(Type.Object({ weekday: Type.Integer(), start: Type.String(), end: Type.String() })),
});

export const BookingPolicyPatch = Type.Object(
  {
    windowMinutes: Type.Optional(Type.Integer({ minimum: 30, maximum: 720, multipleOf: 15 })),
    leadTimeMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 14 * 24 * 60 })),
    horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    rescheduleCutoffMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 14 * 24 * 60 })),
    cancelCutoffMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 14 * 24 * 60 })),
    bufferMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    customersMayChooseTechnician: Type.Optional(Type.Boolean()),
  },
  Strict,
);

const WorkingInterval = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
    start: Clock("Local time in the company's zone, HH:MM"),
    end: Clock('HH:MM, after start; 24:00 for midnight'),
  },
  Strict,
);

export const WorkingHours = Type.Object({
  timezone: Type.String(),
  usesDefault: Type.Boolean({ description: 'No hours of their own: the default week applies' }),
  hours: Type.Array(Type.Object({ weekday: Type.Integer(), start: Type.String(), end: Type.String() })),
});

export const WorkingHoursBody = Type.Object({ hours: Type.Array(WorkingInterval, { maxItems: 50, description: 'The whole week; empty returns to the default week' }) }, Strict);

export const TimeOff = Type.Object({ id: Id, technicianId: Id, start: DateTime, end: DateTime, reason: Nullable(Type.String()), createdAt: DateTime });
export const TimeOffBody = Type.Object({ start: DateTime, end: DateTime, reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) }, Strict);
export const TimeOffListQuery = Type.Object({ from: Type.Optional(DateTime), to: Type.Optional(DateTime) }, Strict);
export const TimeOffDeleteQuery = Type.Object({ id: Id }, Strict);

const LatLng = Type.Tuple([Type.Number({ minimum: -90, maximum: 90 }), Type.Number({ minimum: -180, maximum: 180 })]);

export const Territory = Type.Object({
  id: Id,
  name: Type.String(),
  postalCodes: Type.Array(Type.String()),
  polygon: Nullable(Type.Array(Type.Array(Type.Number()))),
  technicianIds: Type.Array(Id),
});

export const TerritoriesBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ format: 'uuid', description: 'An existing territory to update; leave out to create one' })),
          name: NonEmpty(100, { examples: ['North Austin'] }),
          postalCodes: Type.Array(Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9 -]+\\*?$' }), { maxItems: 2000, description: 'Exact codes, or a prefix ending in * (787*)' }),
          polygon: Type.Optional(Nullable(Type.Array(LatLng, { minItems: 3, maxItems: 1000, description: '[lat, lng] vertices' }))),
        },
        Strict,
      ),
      { maxItems: 500 },
    ),
  },
  Strict,
);

export const TechnicianTerritoriesBody = Type.Object({ territoryIds: Type.Array(Id, { maxItems: 500, description: 'Empty: serves everywhere' }) }, Strict);
