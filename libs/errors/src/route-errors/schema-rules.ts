import { ErrorCode } from '../codes/error-code.js';
import { ContractStandardSchemaPipe } from '../validation/standard-schema/standard-schema.pipe.js';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  EQUALS,
  GREATER_THAN,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DEFINED,
  IS_DIVISIBLE_BY,
  IS_EMAIL,
  IS_IN,
  IS_INT,
  IS_IP,
  IS_ISO8601,
  IS_NUMBER,
  IS_OBJECT,
  IS_STRING,
  IS_URL,
  IS_UUID,
  LESS_THAN,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  UNION_MISMATCH,
  UNKNOWN_PROPERTY,
} from '../codes/validation.codes.js';

/** One code a schema-validated parameter can answer with, on one field (`{index}`, `{property}` placeholders). */
export interface SchemaRule {
  readonly code: ErrorCode;
  readonly field: string;
  readonly details?: Record<string, unknown> | null;
}

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a Standard Schema's input, when its library implements Standard
 * JSON Schema (zod 4, arktype 2; valibot through `toStandardJsonSchema` of
 * `@valibot/to-json-schema`). `undefined` when it does not, or cannot convert this schema.
 */
export function inputJsonSchema(schema: unknown, target = 'draft-2020-12'): JsonSchema | undefined {
  const standard = (schema as { '~standard'?: { jsonSchema?: { input?: unknown } } } | null)?.['~standard'];
  const converter = standard?.jsonSchema;
  const input = converter?.input;
  if (typeof input !== 'function') return undefined;
  try {
    // valibot's converter refuses a schema with a refinement unless told to leave it out;
    // refinements are invisible in JSON Schema anyway. Other libraries ignore the option.
    const converted: unknown = input.call(converter, { target, libraryOptions: { errorMode: 'ignore' } });
    return isSchema(converted) ? converted : undefined;
  } catch {
    // Transforms and custom types have no JSON Schema: the route is documented without its fields
    return undefined;
  }
}

const TYPE_CODES: Readonly<Record<string, ErrorCode>> = {
  string: IS_STRING,
  number: IS_NUMBER,
  integer: IS_INT,
  boolean: IS_BOOLEAN,
  array: IS_ARRAY,
  object: IS_OBJECT,
};

const FORMAT_CODES: Readonly<Record<string, ErrorCode>> = {
  email: IS_EMAIL,
  uri: IS_URL,
  url: IS_URL,
  uuid: IS_UUID,
  'date-time': IS_ISO8601,
  date: IS_ISO8601,
  time: IS_ISO8601,
  duration: IS_ISO8601,
  ipv4: IS_IP,
  ipv6: IS_IP,
};

/** Deeper than this, a (recursive) schema's fields are not listed. */
const MAX_DEPTH = 12;

/**
 * The codes the Standard Schema pipe can answer for a value of this JSON Schema, per
 * field, as the schema libraries' issues map onto them (validation/standard-schema).
 * Refinements are invisible in JSON Schema: their codes are declared on the route with
 * `@ErrorResponses()`.
 */
export function schemaRules(schema: JsonSchema, prefix: string): SchemaRule[] {
  const rules: SchemaRule[] = [];
  walk(schema, prefix, 0, rules);
  return rules;
}

function walk(schema: JsonSchema, field: string, depth: number, rules: SchemaRule[]): void {
  if (depth > MAX_DEPTH) return;
  const add = (code: ErrorCode, details?: Record<string, unknown>) =>
    rules.push(details ? { code, field, details } : { code, field });
  const type = schema.type;
  if (typeof type === 'string' && TYPE_CODES[type]) add(TYPE_CODES[type]);
  // An integer is a number first: a string sent for it is reported as not a number
  if (type === 'integer') add(IS_NUMBER);
  if (typeof schema.format === 'string' && FORMAT_CODES[schema.format]) add(FORMAT_CODES[schema.format]);
  if (typeof schema.pattern === 'string' && schema.format === undefined) add(MATCHES, { pattern: schema.pattern });
  if (typeof schema.minLength === 'number') add(MIN_LENGTH, { min: schema.minLength });
  if (typeof schema.maxLength === 'number') add(MAX_LENGTH, { max: schema.maxLength });
  if (typeof schema.minItems === 'number') add(ARRAY_MIN_SIZE, { min: schema.minItems });
  if (typeof schema.maxItems === 'number') add(ARRAY_MAX_SIZE, { max: schema.maxItems });
  if (typeof schema.minimum === 'number') add(MIN, { min: schema.minimum });
  if (typeof schema.maximum === 'number') add(MAX, { max: schema.maximum });
  if (typeof schema.exclusiveMinimum === 'number') add(GREATER_THAN, { min: schema.exclusiveMinimum });
  if (typeof schema.exclusiveMaximum === 'number') add(LESS_THAN, { max: schema.exclusiveMaximum });
  if (typeof schema.multipleOf === 'number' && schema.type !== 'integer') {
    add(IS_DIVISIBLE_BY, { divisor: schema.multipleOf });
  }
  if (Array.isArray(schema.enum)) add(IS_IN, { allowed: schema.enum });
  if (schema.const !== undefined) add(EQUALS, { expected: schema.const });
  const members = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (members) {
    const constants = members.filter(isSchema).map((member) => member.const);
    if (constants.every((value) => value !== undefined)) add(IS_IN, { allowed: constants });
    else add(UNION_MISMATCH);
  }
  const properties = isSchema(schema.properties) ? schema.properties : undefined;
  const childPrefix = field === '' ? '' : `${field}.`;
  if (properties) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    for (const [name, property] of Object.entries(properties)) {
      if (required.has(name)) rules.push({ code: IS_DEFINED, field: `${childPrefix}${name}` });
      if (isSchema(property)) walk(property, `${childPrefix}${name}`, depth + 1, rules);
    }
  }
  if (schema.additionalProperties === false) rules.push({ code: UNKNOWN_PROPERTY, field: `${childPrefix}{property}` });
  if (isSchema(schema.items)) walk(schema.items, `${childPrefix}{index}`, depth + 1, rules);
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Standard Schema pipe among a parameter's pipes (global, route, parameter), if any. */
export function standardSchemaPipe(pipes: readonly unknown[]): ContractStandardSchemaPipe | undefined {
  for (const pipe of pipes) {
    if (pipe instanceof ContractStandardSchemaPipe) return pipe;
    // A pipe given as a class is built by Nest with no options.
    if (pipe === ContractStandardSchemaPipe) return new ContractStandardSchemaPipe();
  }
  return undefined;
}
