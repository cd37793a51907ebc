import { Shape } from './details-shape.js';

/** A JSON Schema object as OpenAPI embeds it. */
export type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0 marks null with `nullable: true` beside a `type`; 3.1 is JSON Schema, where
 * null is a type of its own (`nullable` is not allowed there).
 */
export type Dialect = '3.0' | '3.1';

export function dialectOf(openapi: string | undefined): Dialect {
  return /^3\.0(\.|$)/u.test(openapi ?? '3.0.0') ? '3.0' : '3.1';
}

/** The schema, also allowing null. */
export function orNull(schema: Schema, dialect: Dialect): Schema {
  if (dialect === '3.1') {
    if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...(schema.anyOf as Schema[]), { type: 'null' }] };
    return { anyOf: [schema, { type: 'null' }] };
  }
  if (typeof schema.type === 'string') return { ...schema, nullable: true };
  // 3.0's `nullable` only counts beside a `type`: put it on the first alternative that has one.
  if (Array.isArray(schema.anyOf)) {
    const members = schema.anyOf as Schema[];
    const typed = members.findIndex((member) => typeof member.type === 'string');
    if (typed !== -1) {
      return { ...schema, anyOf: members.map((member, index) => (index === typed ? orNull(member, dialect) : member)) };
    }
  }
  return { anyOf: [schema, NULL_ONLY_30] };
}

/** Only null, in 3.0: a nullable type whose one allowed value is null. */
const NULL_ONLY_30: Schema = { type: 'object', nullable: true, enum: [null] };

/** The JSON Schema of a details shape. */
export function shapeSchema(shape: Shape, dialect: Dialect): Schema {
  switch (shape.kind) {
    case 'primitive':
      if (shape.name === 'unknown') return {};
      if (shape.name === 'null') return dialect === '3.1' ? { type: 'null' } : NULL_ONLY_30;
      return { type: shape.name };
    case 'literal':
      return { type: typeof shape.value, enum: [shape.value] };
    case 'array':
      return { type: 'array', items: shapeSchema(shape.items, dialect) };
    case 'object': {
      const required = shape.fields.filter((field) => !field.optional).map((field) => field.name);
      return {
        type: 'object',
        ...(required.length > 0 ? { required } : {}),
        properties: Object.fromEntries(shape.fields.map((field) => [field.name, shapeSchema(field.shape, dialect)])),
      };
    }
    case 'union': {
      const isNull = (member: Shape) => member.kind === 'primitive' && member.name === 'null';
      const others = shape.members.filter((member) => !isNull(member)).map((member) => shapeSchema(member, dialect));
      const base = others.length === 1 ? others[0] : { anyOf: others };
      return others.length < shape.members.length ? orNull(base, dialect) : base;
    }
  }
}
