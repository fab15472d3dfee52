import { Type } from 'typebox';
import { Attachment, DateTime, Id, Nullable } from '../../lib/schemas.js';

/** One visit on a technician's day, with what they need on site (technician view). */
export const TechnicianAppointment = Type.Object({
  id: Id,
  jobId: Id,
  reference: Type.String(),
  jobStatus: Type.String(),
  status: Type.String(),
  visitNumber: Type.Integer(),
  windowStart: DateTime,
  windowEnd: DateTime,
  priority: Type.String(),
  category: Type.String(),
  description: Type.String(),
  customerName: Type.String(),
  address: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  accessNotes: Nullable(Type.String()),
  mapsUrl: Type.String({ description: 'Opens the address in a maps app' }),
  contacts: Type.Array(Type.Object({ name: Type.String(), phone: Nullable(Type.String()) }), { description: "The job's contacts, to call ahead" }),
  customerNotes: Type.Array(Type.Object({ at: DateTime, author: Type.String(), text: Type.String(), attachmentCount: Type.Integer(), attachments: Type.Array(Attachment) }), {
    description: "Notes and photos the customer added (photos: GET /api/jobs/{jobId}/attachments/{id})",
  }),
  visitNotes: Type.Array(
    Type.Object({ at: DateTime, author: Type.String(), visitNumber: Type.Integer(), kind: Type.Enum(['paused', 'completed']), text: Type.String(), attachments: Type.Array(Attachment) }),
    { description: "What the job's visits left: pause messages and completion notes, oldest first" },
  ),
  availableActions: Type.Array(Type.String()),
});
