import { STATUS_CODES } from 'node:http';
import { ErrorCode } from '../codes/error-code.js';
import { exampleOf, parseShape } from './details-shape.js';
import { INDEX } from '../route-errors/dto-rules.js';
import { Dialect, Schema, orNull, shapeSchema } from './openapi-schema.js';
import { PROPERTY, PossibleError } from '../route-errors/route-errors.js';

/** The four keys, their types and meaning: the component every error schema refines. */
export const API_ERROR = 'ApiError';
/** The body of every error response: a non-empty array of ApiError. */
export const API_ERRORS = 'ApiErrors';
/** The same errors as an RFC 9457 object, answered to `Accept: application/problem+json`. */
export const PROBLEM_DETAILS = 'ProblemDetails';

const ref = (kind: 'schemas' | 'responses', name: string): Schema => ({ $ref: `#/components/${kind}/${name}` });

/**
 * Extension of each error response: per code, the `field` values it is reported on
 * (null for the request as a whole; `{index}`, `{property}`... stand for any value).
 */
export const ERROR_FIELDS = 'x-error-fields';

/** Component name of one code's error schema: `ApiError6002`. */
export function codeSchemaName(code: ErrorCode): string {
  return `${API_ERROR}${code.code}`;
}

export function apiErrorSchemas(dialect: Dialect): Record<string, Schema> {
  return {
    [API_ERROR]: {
      type: 'object',
      description:
        'One error. Every error response is a JSON array of these, each with exactly these four keys; `error_code` says what happened, and the response status follows from the codes.',
      required: ['message', 'error_code', 'field', 'details'],
      properties: {
        message: {
          type: 'string',
          description: 'Sentences for a developer, ending with a period. Never driver text, SQL or stacks.',
        },
        error_code: {
          type: 'string',
          pattern: '^\\d{4}$',
          description: 'Stable four-digit code, unique to one situation; a published code keeps its meaning.',
        },
        field: orNull(
          {
            type: 'string',
            description: 'The request key the error is about, as the client sent it (`profile.links.1.url`), or null.',
          },
          dialect,
        ),
        details: orNull(
          {
            type: 'object',
            additionalProperties: true,
            description: 'Machine-readable extras, documented per code, or null.',
          },
          dialect,
        ),
      },
    },
    [API_ERRORS]: {
      type: 'array',
      minItems: 1,
      description: 'The body of every error response.',
      items: ref('schemas', API_ERROR),
    },
    [PROBLEM_DETAILS]: {
      type: 'object',
      description:
        'RFC 9457 Problem Details, answered as `application/problem+json` when the request prefers it (`Accept`) or the app is configured so. The standard members describe the main problem; `errors` holds every error, exactly as the array answer does.',
      required: ['type', 'title', 'status', 'detail', 'request_id', 'errors'],
      properties: {
        type: { type: 'string', description: "The URI of the main problem's code in the error code catalogue." },
        title: {
          type: 'string',
          description: "The main problem's code name (`ROUTE_NOT_FOUND`), the same in every language.",
        },
        status: { type: 'integer', description: 'The HTTP status of the response.' },
        detail: { type: 'string', description: "The main problem's message." },
        instance: { type: 'string', description: '`urn:uuid:<request id>`, only when the request id is a UUID.' },
        request_id: { type: 'string', description: 'The request id, as in the request id header.' },
        errors: ref('schemas', API_ERRORS),
      },
    },
  };
}

/** The schema of one code's errors: the four keys with `error_code` fixed and `details` shaped. */
export function codeSchema(code: ErrorCode, dialect: Dialect): Schema {
  const shape = parseShape(code.details);
  const details = shape ? shapeSchema(shape, dialect) : orNull({ type: 'object', additionalProperties: true }, dialect);
  return {
    title: `${code.code} ${code.name}`,
    type: 'object',
    description: [`${code.name}: ${code.message}`, code.description].filter(Boolean).join(' '),
    required: ['message', 'error_code', 'field', 'details'],
    properties: {
      message: { type: 'string', description: `From the template: ${code.message}` },
      error_code: { type: 'string', enum: [code.code] },
      field: orNull({ type: 'string' }, dialect),
      details: { ...details, description: `\`${code.details}\`` },
    },
  };
}

/**
 * One response object per status the route can answer, each listing its codes (an
 * enum on `error_code`, one schema per code for its `details`), the fields they are
 * reported on, the message templates, and an example body per code.
 */
export function errorResponses(
  errors: readonly PossibleError[],
  requestIdHeader: string,
  dialect: Dialect,
  maxItems: number,
): Map<number, { codes: ErrorCode[]; response: Schema }> {
  const byStatus = new Map<number, Map<ErrorCode, PossibleError[]>>();
  for (const error of errors) {
    let byCode = byStatus.get(error.status);
    if (!byCode) byStatus.set(error.status, (byCode = new Map()));
    const list = byCode.get(error.code) ?? [];
    list.push(error);
    byCode.set(error.code, list);
  }
  const responses = new Map<number, { codes: ErrorCode[]; response: Schema }>();
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const byCode = byStatus.get(status)!;
    const codes = [...byCode.keys()].sort((a, b) => Number(a.code) - Number(b.code));
    responses.set(status, {
      codes,
      response: responseFor(status, codes, byCode, requestIdHeader, dialect, maxItems),
    });
  }
  return responses;
}

function responseFor(
  status: number,
  codes: readonly ErrorCode[],
  byCode: ReadonlyMap<ErrorCode, PossibleError[]>,
  requestIdHeader: string,
  dialect: Dialect,
  maxItems: number,
): Schema {
  const fieldsByCode = new Map(
    codes.map((code) => [code, [...new Set(byCode.get(code)!.map((error) => error.field))]]),
  );
  const rows = codes.map((code) => {
    const where = fieldsByCode
      .get(code)!
      .map((field) => (field === null ? '(none)' : `\`${field}\``))
      .join(', ');
    return `| \`${code.code}\` | ${code.name} | ${where} | ${cell(code.message)} |`;
  });
  const description = [
    `${STATUS_CODES[status] ?? 'Error'}: a JSON array of errors, each with one of these codes.`,
    '',
    '| error_code | name | field | message |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  // Each code with the fields it is reported on here; several codes: exactly one of them
  // (their `error_code`s differ). No discriminator: tools such as Dredd choke on it.
  const perCode = codes.map((code) => itemSchema(code, fieldsByCode.get(code)!, dialect));
  const items: Schema =
    perCode.length === 1
      ? perCode[0]
      : {
          type: 'object',
          properties: { error_code: { type: 'string', enum: codes.map((code) => code.code) } },
          oneOf: perCode,
        };
  const array: Schema = { type: 'array', minItems: 1, maxItems, items };
  return {
    description,
    // The same fields as the table, for machines: code -> the `field`s it is reported on.
    [ERROR_FIELDS]: Object.fromEntries(codes.map((code) => [code.code, fieldsByCode.get(code)!])),
    headers: { ...requestIdHeaderObject(requestIdHeader), ...CONTENT_LANGUAGE },
    content: {
      'application/json': {
        schema: array,
        examples: Object.fromEntries(
          codes.map((code) => [`${code.code} ${code.name}`, exampleFor(code, byCode.get(code)![0])]),
        ),
      },
      // The same errors in `errors`, narrowed to this response's codes.
      'application/problem+json': {
        schema: {
          allOf: [ref('schemas', PROBLEM_DETAILS), { properties: { errors: array } }],
        },
      },
    },
  };
}

/**
 * One code's errors on this route: its schema, with `field` narrowed to the values it is
 * reported on here (an enum; a pattern where a path holds an index or a client's key;
 * null where it is about no field).
 */
function itemSchema(code: ErrorCode, fields: ReadonlyArray<string | null>, dialect: Dialect): Schema {
  return {
    allOf: [ref('schemas', codeSchemaName(code))],
    type: 'object',
    properties: { field: fieldSchema(fields, dialect) },
  };
}

/** Placeholders of a field path (`{index}`, `{property}`, `{column}`...) and what they stand for. */
const PLACEHOLDER = /\{([a-z_]+)\}/gu;

export function fieldSchema(fields: ReadonlyArray<string | null>, dialect: Dialect): Schema {
  const nullable = fields.includes(null);
  const paths = [...new Set(fields.filter((field): field is string => field !== null))].sort();
  if (paths.length === 0)
    return dialect === '3.1' ? { type: 'null' } : { type: 'string', nullable: true, enum: [null] };
  const templated = paths.some((path) => /\{[a-z_]+\}/u.test(path));
  const schema: Schema = templated
    ? { type: 'string', pattern: `^(?:${paths.map(pathPattern).join('|')})$` }
    : { type: 'string', enum: paths };
  if (!nullable) return schema;
  if (dialect === '3.1') {
    return { ...schema, type: ['string', 'null'], ...(templated ? {} : { enum: [...paths, null] }) };
  }
  return { ...schema, nullable: true, ...(templated ? {} : { enum: [...paths, null] }) };
}

/** `values.{column}` -> `values\.[^.]+`, `links.{index}.url` -> `links\.(?:0|[1-9][0-9]*)\.url`. */
function pathPattern(path: string): string {
  return path
    .split(PLACEHOLDER)
    .map((part, index) =>
      index % 2 === 1
        ? `{${part}}` === INDEX
          ? '(?:0|[1-9][0-9]*)'
          : '.+'
        : part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'),
    )
    .join('');
}

function exampleFor(code: ErrorCode, error: PossibleError): Schema {
  const field = error.field === null ? null : error.field.replaceAll(INDEX, '0').replaceAll(PROPERTY, 'unexpected');
  const shape = code.details === 'null' ? undefined : parseShape(code.details);
  const details =
    error.details !== undefined ? error.details : shape ? (exampleOf(shape) as Record<string, unknown> | null) : null;
  const { error: body } = code.create({ field, details });
  return { summary: `${code.code} ${code.name}`, value: [body] };
}

/** Messages follow `Accept-Language`; the response says which language it chose. */
const CONTENT_LANGUAGE: Schema = {
  'Content-Language': {
    description:
      'The language of the messages, chosen from `Accept-Language` (codes, fields and details never change).',
    schema: { type: 'string' },
  },
};

export function requestIdHeaderObject(name: string): Schema {
  return {
    [name]: {
      description: 'The id of the request, also in the server log: quote it when reporting a problem.',
      schema: { type: 'string' },
    },
  };
}

function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
}
