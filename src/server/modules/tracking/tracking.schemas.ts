import { Type } from 'typebox';
import { DateTime, Id, JobStatusEnum, Nullable, Strict } from '../../lib/schemas.js';

export const Eta = Nullable(
  Type.Object({ arrivalAt: DateTime, minutes: Type.Integer({ minimum: 0, description: 'Whole minutes from now' }) }, { description: 'Estimated arrival at the address; null without coordinates for it' }),
);

export const LocationBatch = Type.Object(
  {
    points: Type.Array(
      Type.Object(
        {
          at: DateTime,
          lat: Type.Number({ examples: [39.7817] }),
          lng: Type.Number({ examples: [-89.6501] }),
          accuracy: Type.Number({ minimum: 0, description: 'Metres, as the device reports it' }),
          speed: Type.Optional(Nullable(Type.Number({ minimum: 0, description: 'Metres per second' }))),
          heading: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 360, description: 'Degrees clockwise from north' }))),
        },
        Strict,
      ),
      { minItems: 1, maxItems: 50, description: 'Oldest first' },
    ),
    appointmentId: Type.Optional(Id),
  },
  Strict,
);

export const LocationResult = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer(),
      reason: Type.Enum(['stale', 'in_future', 'out_of_order', 'implausible_coordinates', 'implausible_accuracy', 'implausible_speed']),
    }),
  ),
  eta: Eta,
  arriving: Type.Boolean({ description: 'Within about 150 m of the address' }),
});

/** What the customer's job page shows while the technician drives to it (contract 3 of issue 4). */
export const CustomerTracking = Type.Union([
  Type.Object({
    lat: Type.Number(),
    lng: Type.Number(),
    accuracy: Type.Number(),
    heading: Nullable(Type.Number()),
    at: DateTime,
    eta: Eta,
    arriving: Type.Boolean(),
  }),
  Type.Null(),
], { description: 'Only while the technician is on the way to this visit' });

export const TechnicianPosition = Type.Object({
  technicianId: Id,
  name: Type.String(),
  photoUrl: Nullable(Type.String()),
  lat: Type.Number(),
  lng: Type.Number(),
  accuracy: Type.Number(),
  heading: Nullable(Type.Number()),
  at: DateTime,
  job: Nullable(
    Type.Object({
      id: Id,
      reference: Type.String(),
      status: JobStatusEnum,
      customerName: Type.String(),
      address: Type.String(),
      lat: Nullable(Type.Number()),
      lng: Nullable(Type.Number()),
      eta: Eta,
    }),
  ),
});
