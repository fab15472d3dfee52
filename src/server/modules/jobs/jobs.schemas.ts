import { Type } from 'typebox';
import { DateTime, Defaulted, Id, JobStatusEnum, Location, NonEmpty, Nullable, PriorityEnum, Strict, TimelineEntry, TimeWindow } from '../../lib/schemas.js';

const Csv = (description: string, pattern: string) => Type.Optional(Type.String({ description, pattern, maxLength: 200 }));

export const JobListQuery = Type.Object(
  {
    status: Csv('Comma-separated statuses', '^(created|scheduled|en_route|in_progress|paused|rescheduled|completed|cancelled)(,(created|scheduled|en_route|in_progress|paused|rescheduled|completed|cancelled))*$'),
    priority: Csv('Comma-separated priorities', '^(low|normal|high|emergency)(,(low|normal|high|emergency))*$'),
    technicianId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    sourceId: Type.Optional(Id),
    scheduledFrom: Type.Optional(DateTime),
    scheduledTo: Type.Optional(DateTime),
    unassigned: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean({ description: 'Only open jobs whose SLA due time has passed before the visit started' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Reference or customer name' })),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
    limit: Defaulted(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  Strict,
);

const Appointment = Type.Object({
  windowStart: DateTime,
  windowEnd: DateTime,
  visitNumber: Type.Integer(),
  technician: Nullable(Type.Object({ id: Id, name: Type.String() })),
});

export const JobListItem = Type.Object({
  id: Id,
  reference: Type.String({ examples: ['ARV-26-00123'] }),
  status: JobStatusEnum,
  priority: PriorityEnum,
  description: Type.String(),
  customer: Type.Object({ id: Id, name: Type.String() }),
  category: Type.Object({ id: Id, name: Type.String() }),
  source: Type.Object({ id: Id, name: Type.String() }),
  address: Type.String(),
  appointment: Nullable(Appointment),
  unassigned: Type.Boolean(),
  slaDueAt: Nullable(DateTime),
  slaOverdue: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const StaffJob = Type.Object({
  ...JobListItem.properties,
  sourceKind: Type.String(),
  externalRef: Nullable(Type.String()),
  notificationsEnabled: Type.Boolean(),
  preferredWindows: Type.Array(TimeWindow),
  slaAcknowledgedAt: Nullable(DateTime),
  cancelReason: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  availableActions: Type.Array(Type.String()),
  location: Location,
  contacts: Type.Array(Type.Object({ id: Id, name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), role: Type.String(), notify: Type.Boolean() })),
  visits: Type.Array(
    Type.Object({
      id: Id,
      visitNumber: Type.Integer(),
      status: Type.String(),
      windowStart: DateTime,
      windowEnd: DateTime,
      technician: Nullable(Type.Object({ id: Id, name: Type.String() })),
      enRouteAt: Nullable(DateTime),
      startedAt: Nullable(DateTime),
      completedAt: Nullable(DateTime),
    }),
  ),
  timeline: Type.Array(TimelineEntry),
});

export const CreateJobBody = Type.Object(
  {
    customerId: Id,
    locationId: Id,
    categoryId: Id,
    priority: PriorityEnum,
    description: NonEmpty(5000, { examples: ['No heat on the second floor'] }),
    contactIds: Type.Optional(Type.Array(Id, { maxItems: 20, description: 'Contacts who receive notifications; defaults to the customer’s first contact' })),
    notificationsEnabled: Type.Optional(Type.Boolean({ default: true })),
    preferredWindows: Type.Optional(Type.Array(TimeWindow, { maxItems: 5 })),
  },
  Strict,
);

export const UpdateJobBody = Type.Object(
  {
    priority: Type.Optional(PriorityEnum),
    categoryId: Type.Optional(Id),
    description: Type.Optional(NonEmpty(5000)),
    notificationsEnabled: Type.Optional(Type.Boolean()),
  },
  Strict,
);

const AllowOverlap = Type.Optional(
  Type.Boolean({ default: false, description: "Books the technician even when their other visits leave no room (otherwise 409 TECHNICIAN_BUSY): the dispatcher's knowing override" }),
);
export const ScheduleBody = Type.Object({ technicianId: Id, windowStart: DateTime, windowEnd: DateTime, allowOverlap: AllowOverlap }, Strict);
export const RescheduleBody = Type.Object(
  { windowStart: DateTime, windowEnd: DateTime, technicianId: Type.Optional(Id), reason: Type.Optional(Type.String({ maxLength: 500 })), allowOverlap: AllowOverlap },
  Strict,
);
export const ReassignBody = Type.Object({ technicianId: Id, allowOverlap: AllowOverlap }, Strict);
export const CancelBody = Type.Object({ reason: NonEmpty(500, { examples: ['Customer fixed it themselves'] }) }, Strict);
export const StaffNoteBody = Type.Object(
  {
    text: Defaulted(Type.String({ maxLength: 5000, default: '' })),
    attachmentIds: Defaulted(Type.Array(Id, { maxItems: 10, default: [] })),
    visibility: Defaulted(Type.Enum(['customer', 'staff'], { default: 'staff', description: 'staff: internal note; customer: the customer sees it too' })),
  },
  Strict,
);
export const AddContactBody = Type.Object({ contactId: Id, notify: Defaulted(Type.Boolean({ default: true })) }, Strict);
export const CreateLinkBody = Type.Object({ contactId: Id }, Strict);
export const JobParams = Type.Object({ jobId: Id });
