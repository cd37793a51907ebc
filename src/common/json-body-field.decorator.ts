import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { DomainError, RequestCodes } from 'nest-error-contract';

type RequestWithRawBody = { body?: unknown; rawBody?: Buffer; raw?: { rawBody?: Buffer } };

const decoder = new TextDecoder('utf-8'); // drops a leading BOM, as both body parsers do

/**
 * One top-level field of the JSON body exactly as the client sent it, for a field whose
 * keys are the client's data (record `values`, `type_options`) rather than DTO properties.
 *
 * `@Body()` cannot give those keys back whole: Nest's ValidationPipe deletes every
 * `__proto__`, `constructor` and `prototype` key from the parsed body in place, and
 * class-transformer's copy skips every key that names an Object.prototype member
 * (`toString`, `valueOf`, `hasOwnProperty`...). So the field is read from a fresh parse
 * of the raw body (kept because the app is created with `rawBody: true`) when the body
 * may hold such a key; `JSON.parse` makes every key an own data property, `__proto__`
 * included. Otherwise the parsed body's field is the client's own (class-transformer's
 * copy is the DTO's, not the request's). Use it next to the route's
 * `@Body()` DTO, which still checks the field's shape (present, an object...): the
 * global pipe does not run on custom decorators, and the body checks have already
 * made sure the body is UTF-8 JSON.
 */
export const JsonBodyField = createParamDecorator((field: string, context: ExecutionContext): unknown => {
  const request = context.switchToHttp().getRequest<RequestWithRawBody>();
  const raw = request.rawBody ?? request.raw?.rawBody;
  if (raw === undefined || raw.length === 0) {
    // No body at all: the DTO reports the missing field. A parsed body without its raw
    // bytes means the app was created without `rawBody: true`.
    if (ownField(request.body, field) !== undefined) {
      throw new Error(`@JsonBodyField('${field}') needs the raw body: create the app with { rawBody: true }.`);
    }
    return undefined;
  }
  // The parsed body differs from the client's only where the pipe deleted a key, and it
  // deletes only keys spelled like these: a body whose bytes hold none of them (nor an
  // escape that could spell one) is read as parsed. A second parse of 100 KB of keys
  // cost as much as the body parser's own, on every request to these routes, refused
  // ones included (the decorator runs whatever the DTO's verdict).
  if (!STRIPPED_KEY_SPELLINGS.some((spelling) => raw.includes(spelling))) return ownField(request.body, field);
  return ownField(parseRawBody(raw), field);
});

/**
 * The body parser read these bytes already, so they parse; should they not (a parser
 * that decoded another charset), the client gets the malformed-JSON answer, not a 500.
 */
function parseRawBody(raw: Buffer): unknown {
  try {
    return JSON.parse(decoder.decode(raw)) as unknown;
  } catch {
    throw new DomainError(RequestCodes.MALFORMED_JSON);
  }
}

/** What Nest's ValidationPipe deletes from a body in place (its prototype-pollution guard), and `\u`. */
const STRIPPED_KEY_SPELLINGS = ['__proto__', 'constructor', 'prototype', '\\u'].map((word) => Buffer.from(word));

function ownField(body: unknown, field: string): unknown {
  return typeof body === 'object' && body !== null && Object.hasOwn(body, field)
    ? (body as Record<string, unknown>)[field]
    : undefined;
}
