import { Type } from 'typebox';
import { DateTime, Email, Id, Location, NonEmpty, Nullable, Phone, Strict } from '../../lib/schemas.js';

export const ContactInput = Type.Object(
  {
    name: NonEmpty(120, { examples: ['Ana García'] }),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
    role: Type.Optional(Type.Enum(['admin', 'member'], { description: "The contact's role in the customer's organisation" })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', examples: ['es'] })),
  },
  Strict,
);
export const Contact = Type.Object({ id: Id, customerId: Id, name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), role: Type.Enum(['admin', 'member']), language: Type.String() });
export const CustomerKind = Type.Enum(['organisation', 'household']);
export const CustomerDetail = Type.Object({ id: Id, kind: CustomerKind, name: Type.String(), createdAt: DateTime, contacts: Type.Array(Contact), locations: Type.Array(Location) });

export const CustomerListItem = Type.Object({ id: Id, kind: CustomerKind, name: Type.String(), createdAt: DateTime, jobCount: Type.Integer(), contactCount: Type.Integer() });
