import { HTTP_UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_CHARSET } from '../../codes/request.codes.js';
import { DomainError } from '../../exceptions/domain-error.js';
import { UNSUPPORTED_CONTENT_ENCODING } from '../../translators/framework.translator.js';
import { HeaderDecisions } from '../../negotiation/quality.js';
import { charsetOf, mediaTypeOf } from './charset.js';

/** The Content-Type of an empty body, kept on Node's request where the hook below hid it from Fastify. */
export const EMPTY_BODY_CONTENT_TYPE = Symbol.for('nest-error-contract.emptyBodyContentType');

type Headers = Record<string, string | string[] | undefined>;
type FastifyRequest = { headers: Headers; raw: object };

/**
 * Makes Fastify treat request bodies as Express does, before its parser runs:
 *
 * - an empty body labelled JSON (`DELETE` with `Content-Type: application/json` and no
 *   body, which HTTP clients send by default) is no body: Fastify's JSON parser answered
 *   EMPTY_BODY even on routes that take none, where Express runs the route. Its
 *   Content-Type is hidden from the parser and kept aside, so the body guard still answers
 *   EMPTY_BODY on a route that reads a body, on both adapters;
 * - a body with a Content-Encoding (gzip...) is refused with 415: Fastify has no decoder
 *   and parsed the compressed bytes as JSON ("not valid JSON").
 *
 * Runs in the library's onRequest hook (fastify-request.hook.ts); the error it returns
 * is the request's answer.
 */
export function prepareFastifyBody(request: FastifyRequest): Error | undefined {
  const headers = request.headers;
  const length = headers['content-length'];
  const hasBody = headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) {
    const type = headers['content-type'];
    if (type !== undefined) {
      (request.raw as Record<symbol, unknown>)[EMPTY_BODY_CONTENT_TYPE] = type;
      delete headers['content-type'];
    }
    return undefined;
  }
  const encoding = headers['content-encoding'];
  if (typeof encoding === 'string' && encoding.trim().toLowerCase() !== 'identity') {
    return new DomainError(HTTP_UNSUPPORTED_MEDIA_TYPE, { message: UNSUPPORTED_CONTENT_ENCODING });
  }
  // Fastify ignores a JSON body's charset and parses its bytes as UTF-8: a UTF-16 body
  // would fail as malformed JSON, where Express's parser decodes it and the body guard
  // then refuses the charset. Refused here, before the parser, with the guard's answer.
  const type = headers['content-type'];
  const charset = typeof type === 'string' ? REFUSED_CHARSETS.of(type) : null;
  return charset === null ? undefined : new DomainError(UNSUPPORTED_CHARSET, { details: { charset } });
}

/**
 * Content-Type -> the charset of a JSON body that is refused (null for none; an empty
 * `charset=""` is refused). It depends on the header alone, and nearly every request
 * sends one of a few: read once each.
 */
const REFUSED_CHARSETS = new HeaderDecisions<string | null>((type) => {
  if (!isJsonMediaType(type)) return null;
  const charset = charsetOf(type);
  return charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' ? charset : null;
});

function isJsonMediaType(contentType: string): boolean {
  const mediaType = mediaTypeOf(contentType);
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}
