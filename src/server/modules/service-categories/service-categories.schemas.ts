import { Type } from 'typebox';
import { Id, NonEmpty, Nullable, Strict } from '../../lib/schemas.js';

export const SlaMinutes = Type.Object(
  {
    emergency: Type.Integer({ minimum: 1, maximum: 525600 }),
    high: Type.Integer({ minimum: 1, maximum: 525600 }),
    normal: Type.Integer({ minimum: 1, maximum: 525600 }),
    low: Type.Integer({ minimum: 1, maximum: 525600 }),
  },
  { ...Strict, description: 'Minutes from request to arrival promised for each priority', examples: [{ emergency: 240, high: 1440, normal: 4320, low: 10080 }] },
);
export const Category = Type.Object({
  id: Id,
  name: Type.String(),
  description: Nullable(Type.String()),
  defaultDurationMinutes: Type.Integer(),
  requiredSkills: Type.Array(Type.String()),
  slaMinutes: SlaMinutes,
  active: Type.Boolean(),
});
export const CategoryFields = {
  name: NonEmpty(120, { examples: ['Boiler repair'] }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  defaultDurationMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60, examples: [90] }),
  requiredSkills: Type.Optional(Type.Array(NonEmpty(60), { maxItems: 20, examples: [['gas-safe']] })),
  slaMinutes: Type.Optional(SlaMinutes),
  active: Type.Optional(Type.Boolean()),
};

