import { Type } from 'typebox';
import { DateTime, Id, Nullable, Strict } from '../../lib/schemas.js';

export const PreviewBody = Type.Object(
  {
    date: Type.String({ format: 'date', description: "The day to optimise, in the company's time zone", examples: ['2026-01-14'] }),
    technicianIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true, description: 'Only these technicians (and unassigned visits); all active technicians by default' })),
    timeLimitSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, default: 5, description: 'How long the solver may search; small days finish sooner' })),
    allowWindowChanges: Type.Optional(Type.Boolean({ default: false, description: "Let visits move to another window of the company's grid on the same day; by default windows are kept" })),
  },
  Strict,
);

export const ApplyBody = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'The day of the plan (must match it)' }),
    planId: Id,
  },
  Strict,
);

const Stop = Type.Object({
  appointmentId: Id,
  jobId: Id,
  jobReference: Type.String(),
  customerName: Type.String(),
  address: Type.String(),
  fixed: Type.Boolean({ description: 'Under way or done: the optimiser does not move it' }),
  arrivalAt: DateTime,
  windowStart: DateTime,
  windowEnd: DateTime,
  durationMinutes: Type.Integer(),
  late: Type.Boolean({ description: 'Arrives after the window ends (current routes only)' }),
});

const RouteSummary = Type.Object({
  stops: Type.Array(Stop),
  travelMinutes: Type.Integer(),
  travelKm: Type.Number(),
});

const Totals = Type.Object({
  techniciansUsed: Type.Integer(),
  travelMinutes: Type.Integer(),
  travelKm: Type.Number(),
});

export const RoutePlanView = Type.Object({
  planId: Id,
  date: Type.String(),
  timezone: Type.String(),
  createdAt: DateTime,
  appliedAt: Nullable(DateTime),
  allowWindowChanges: Type.Boolean(),
  solver: Type.Object({ seed: Type.Integer(), iterations: Type.Integer(), elapsedMs: Type.Integer() }),
  technicians: Type.Array(Type.Object({ id: Id, name: Type.String(), before: RouteSummary, after: RouteSummary })),
  totals: Type.Object({
    before: Totals,
    after: Totals,
    travelSavingPercent: Type.Number({ description: 'Travel time saved, in percent of before (negative: more travel, e.g. to use fewer technicians)' }),
  }),
  changes: Type.Array(
    Type.Object({
      appointmentId: Id,
      jobId: Id,
      jobReference: Type.String(),
      customerName: Type.String(),
      fromTechnician: Nullable(Type.Object({ id: Id, name: Type.String() })),
      toTechnician: Type.Object({ id: Id, name: Type.String() }),
      fromWindow: Type.Object({ start: DateTime, end: DateTime }),
      toWindow: Type.Object({ start: DateTime, end: DateTime }),
      technicianChanged: Type.Boolean(),
      windowChanged: Type.Boolean(),
    }),
    { description: 'Visits whose technician or window changes: their customers are notified on apply' },
  ),
  unplaced: Type.Array(
    Type.Object({
      appointmentId: Id,
      jobId: Id,
      jobReference: Type.String(),
      customerName: Type.String(),
      windowStart: DateTime,
      windowEnd: DateTime,
      technician: Nullable(Type.Object({ id: Id, name: Type.String() })),
      reason: Type.Enum(['no_qualified_technician', 'window_passed', 'no_time']),
      message: Type.String(),
    }),
    { description: 'Visits the plan leaves as they are, and why' },
  ),
});

export const ApplyResult = Type.Object({
  planId: Id,
  appliedAt: DateTime,
  changedVisits: Type.Integer(),
  notifiedJobs: Type.Array(Id),
});
