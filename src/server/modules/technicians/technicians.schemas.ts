import { Type } from 'typebox';
import { DateTime, Id, Nullable, Strict } from '../../lib/schemas.js';

export const HomeBase = Type.Object({ address: Nullable(Type.String({ maxLength: 300 })), lat: Nullable(Type.Number({ minimum: -90, maximum: 90 })), lng: Nullable(Type.Number({ minimum: -180, maximum: 180 })) }, Strict);
export const Technician = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  active: Type.Boolean(),
  phone: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  bio: Nullable(Type.String()),
  bioStatus: Type.Enum(['none', 'pending', 'approved']),
  bioReviewedAt: Nullable(DateTime),
  skills: Type.Array(Type.String()),
  homeBase: HomeBase,
});

