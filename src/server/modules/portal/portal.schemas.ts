import { Type } from 'typebox';
import { CustomerTracking } from '../tracking/tracking.schemas.js';
import { BookingBody } from '../scheduling/scheduling.schemas.js';
import { DateTime, Defaulted, Id, JobStatusEnum, Location, LocationInput, NonEmpty, Nullable, PriorityEnum, Strict, TimelineEntry, TimeWindow } from '../../lib/schemas.js';

export const CustomerJob = Type.Object({
  id: Id,
  reference: Type.String({ examples: ['ARV-26-00123'] }),
  status: JobStatusEnum,
  priority: PriorityEnum,
  description: Type.String(),
  category: Type.String(),
  createdAt: DateTime,
  slaDueAt: Nullable(DateTime),
  appointment: Nullable(Type.Object({ windowStart: DateTime, windowEnd: DateTime, visitNumber: Type.Integer(), status: Type.String() })),
  technician: Nullable(Type.Object({ name: Type.String(), photoUrl: Nullable(Type.String()), bio: Nullable(Type.String({ description: 'Only once a dispatcher approved it, and only if the job source allows' })) })),
  company: Type.Object({ name: Type.String(), logoUrl: Nullable(Type.String()), phone: Nullable(Type.String()), brandColor: Type.String(), timezone: Type.String(), locale: Type.String() }),
  location: Type.Object({ label: Nullable(Type.String()), address: Type.String(), lat: Nullable(Type.Number()), lng: Nullable(Type.Number()), accessNotes: Nullable(Type.String()) }),
  canAddNote: Type.Boolean(),
  cancelReason: Nullable(Type.String()),
  timeline: Type.Array(TimelineEntry),
  tracking: CustomerTracking,
  selfScheduling: Type.Object(
    {
      canBook: Type.Boolean(),
      canReschedule: Type.Boolean(),
      canCancel: Type.Boolean(),
      rescheduleUntil: Nullable(DateTime),
      cancelUntil: Nullable(DateTime),
      customersMayChooseTechnician: Type.Boolean(),
    },
    { description: 'What the customer may do themselves under the booking policy, and until when' },
  ),
});

export const MyJob = Type.Object({
  id: Id,
  reference: Type.String(),
  status: JobStatusEnum,
  category: Type.String(),
  description: Type.String(),
  address: Type.String(),
  appointment: Nullable(Type.Object({ windowStart: DateTime, windowEnd: DateTime, technicianName: Nullable(Type.String()) })),
  createdAt: DateTime,
});

export const Me = Type.Object({
  contact: Type.Object({ id: Id, customerId: Id, name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), role: Type.Enum(['admin', 'member']), language: Type.String() }),
  customer: Type.Object({ id: Id, name: Type.String(), kind: Type.Enum(['organisation', 'household']) }),
  company: Type.Object({ name: Type.String(), slug: Type.String(), logoUrl: Nullable(Type.String()), brandColor: Type.String(), phone: Nullable(Type.String()), timezone: Type.String(), locale: Type.String() }),
  locations: Type.Array(Location),
});

export const ServiceRequestBody = Type.Object(
  {
    categoryId: Id,
    description: NonEmpty(5000, { examples: ['The boiler shows error E119 and there is no hot water.'] }),
    priority: PriorityEnum,
    slaAcknowledged: Type.Boolean({ description: 'The customer saw and accepted the response time of the chosen priority' }),
    location: Type.Union([Type.Object({ locationId: Id }, Strict), LocationInput], { description: 'One of the customer’s saved addresses, or a new address' }),
    preferredWindows: Defaulted(Type.Array(TimeWindow, { maxItems: 5, default: [] })),
    attachmentIds: Defaulted(Type.Array(Id, { maxItems: 10, default: [], description: 'Photos or PDFs uploaded first with POST /api/portal/uploads' })),
    booking: Type.Optional(BookingBody),
  },
  Strict,
);

export const ServiceRequestResult = Type.Object({
  job: Type.Object({ id: Id, reference: Type.String(), status: JobStatusEnum, createdAt: DateTime }),
  sla: Type.Object({ priority: PriorityEnum, minutes: Type.Integer(), dueAt: Nullable(DateTime) }),
  appointment: Nullable(Type.Object({ windowStart: DateTime, windowEnd: DateTime }, { description: 'The window booked with the request, if one was' })),
  nextSteps: Type.Array(Type.String()),
});

export const CustomerNoteBody = Type.Object(
  { text: Defaulted(Type.String({ maxLength: 5000, default: '' })), attachmentIds: Defaulted(Type.Array(Id, { maxItems: 10, default: [] })) },
  Strict,
);

export const RescheduleByCustomerBody = Type.Object({ ...BookingBody.properties, reason: Type.Optional(Type.String({ maxLength: 500 })) }, Strict);

export const CancelByCustomerBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, Strict);
