import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ErrorWithStatus } from '../contract/api-error.js';
import { ErrorCode } from '../codes/error-code.js';
import {
  BODY_TOO_LARGE,
  EMPTY_BODY,
  HTTP_BAD_REQUEST,
  HTTP_ERROR,
  HTTP_STATUS_CODES,
  HTTP_UNSUPPORTED_MEDIA_TYPE,
  MALFORMED_JSON,
  MALFORMED_REQUEST,
  ROUTE_NOT_FOUND,
  UNSUPPORTED_CHARSET,
  UNSUPPORTED_MEDIA_TYPE,
} from '../codes/request.codes.js';
import { INTERNAL_ERROR } from '../codes/server.codes.js';
import { BODY_NOT_OBJECT } from '../codes/validation.codes.js';
import { groupedMessages } from './grouped-messages.js';
import { isThrottlerException, translateThrottledRequest } from './throttler/throttled-request.js';
import { ErrorTranslator, Translation, TranslationContext } from './translator.js';

/** How many messages of one HttpException (stock ValidationPipe lists) become objects. */
const MAX_MESSAGES = 100;

/**
 * Errors raised by the HTTP stack itself: Nest's HttpExceptions (including the ones
 * Express's body parser errors are mapped to, and @nestjs/throttler's) and Fastify's own
 * FST_ERR_* errors.
 * Framework text is never trusted as a client message except the string an app
 * author passed to a 4xx HttpException.
 */
export function frameworkTranslator(
  /** The media types a route with a body accepts, fixed at start-up (for the details of a 415). */
  bodyMediaTypes: readonly string[],
): ErrorTranslator {
  return (exception, context) => {
    if (exception instanceof HttpException) {
      return translateHttpException(exception, context, bodyMediaTypes);
    }
    // A client that hung up in the middle of its upload: Fastify hands on Node's own error
    // (ECONNRESET), where Express's parser says `request.aborted`. The client's doing, not
    // the server's: the same 400 as on Express, never a logged 500. Claimed only when the
    // request itself was cut short, so a reset connection to another service stays a 500.
    // The exception first: reading the request's facts costs more.
    if (isConnectionReset(exception) && context.request?.aborted) return single(MALFORMED_REQUEST);
    // Unwrapped, only Fastify's own errors are claimed: a URIError or an http-errors
    // object thrown by app code (a failed call to another service) is not a bad request.
    return isFastifyError(exception) ? translateServerLibraryError(exception, context, bodyMediaTypes) : undefined;
  };
}

function translateHttpException(
  exception: HttpException,
  context: TranslationContext,
  bodyMediaTypes: readonly string[],
): Translation {
  const status = exception.getStatus();
  // Body-parser and router failures arrive wrapped by Nest's Express adapter; the
  // wrapped error says what really happened.
  const underlying = translateServerLibraryError(exception.cause, context, bodyMediaTypes);
  if (underlying) return underlying;

  if (status < 400 || status > 599) {
    // An HttpException with a 2xx/3xx (or invalid) status is a programming error: an
    // error body must not go out with a success status.
    return { errors: [INTERNAL_ERROR.create({ details: { request_id: context.requestId } })], logged: exception };
  }
  if (status >= 500) {
    const code = status === 500 ? INTERNAL_ERROR : (HTTP_STATUS_CODES.get(status) ?? INTERNAL_ERROR);
    return { errors: [code.create({ status, details: { request_id: context.requestId } })], logged: exception };
  }
  if (status === 404 && context.request && !context.request.routeMatched) {
    return { errors: [routeNotFound(context)] };
  }
  if (status === 429 && isThrottlerException(exception)) return translateThrottledRequest(exception);

  const registered = exception.errorCode ? context.registry.get(exception.errorCode) : undefined;
  const code = registered ?? HTTP_STATUS_CODES.get(status) ?? HTTP_ERROR;
  const details = !registered && exception.errorCode ? { reason: exception.errorCode } : null;
  const response = exception.getResponse();
  const grouped = groupedMessages(response, MAX_MESSAGES);
  if (grouped && grouped.length > 0) {
    // Stock ValidationPipe({ errorFormat: 'grouped' }): each message under its path
    return {
      errors: grouped.map(({ field, message }) => code.create({ status, details, message, field: field || null })),
    };
  }
  const messages = clientMessages(response).filter((message) => !isReasonPhrase(message, status));
  if (messages.length === 0) {
    return { errors: [code.create({ status, details })] };
  }
  return { errors: messages.map((message) => code.create({ status, details, message })) };
}

/**
 * The messages an app author chose to show: a string response, or the `message`
 * (string or list) of an object response. An Error passed as the response is private
 * and never shown.
 */
function clientMessages(response: string | object): string[] {
  if (typeof response === 'string') return response.trim() ? [response] : [];
  if (response instanceof Error || response === null || typeof response !== 'object') return [];
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message.trim() ? [message] : [];
  if (Array.isArray(message)) {
    return message
      .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
      .slice(0, MAX_MESSAGES);
  }
  return [];
}

/**
 * Nest's built-in exceptions without a description carry the bare reason phrase
 * ("Forbidden"); the code's own sentence says more, so the phrase is dropped.
 */
function isReasonPhrase(message: string, status: number): boolean {
  const phrase = STATUS_CODES[status];
  return phrase !== undefined && phrase.toLowerCase() === message.trim().toLowerCase();
}

function routeNotFound(context: TranslationContext): ErrorWithStatus {
  const { method, path } = context.request!;
  return ROUTE_NOT_FOUND.create({ details: { method, path } });
}

interface ServerLibraryError {
  /** body-parser / http-errors */
  type?: unknown;
  body?: unknown;
  limit?: unknown;
  charset?: unknown;
  /** Fastify */
  code?: unknown;
  statusCode?: unknown;
  status?: unknown;
}

/**
 * Express's body-parser (http-errors with a `type`) and Fastify (FastifyError with an
 * FST_ERR_* `code`) report request problems as errors with a 4xx status. They are
 * classified by their machine-readable type, never by their text.
 */
function translateServerLibraryError(
  exception: unknown,
  context: TranslationContext,
  bodyMediaTypes: readonly string[],
): Translation | undefined {
  if (exception === null || typeof exception !== 'object') return undefined;
  const error = exception as ServerLibraryError;
  const status = numericStatus(error);
  const kind = typeof error.type === 'string' ? error.type : typeof error.code === 'string' ? error.code : undefined;
  switch (kind) {
    case 'entity.parse.failed':
      // Express's parser (strict mode) also refuses valid JSON that is not an object or
      // an array (`null`, `"x"`, `12`); Fastify hands those to the validation pipe. The
      // raw text it keeps on the error tells the two apart, so both adapters answer alike.
      return single(isJsonText(error.body) ? BODY_NOT_OBJECT : MALFORMED_JSON);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return single(MALFORMED_JSON);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return single(EMPTY_BODY);
    case 'entity.too.large':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return single(BODY_TOO_LARGE, {
        limit_bytes: typeof error.limit === 'number' ? error.limit : (context.bodyLimitBytes ?? null),
      });
    case 'charset.unsupported':
      return single(UNSUPPORTED_CHARSET, { charset: typeof error.charset === 'string' ? error.charset : '' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return single(UNSUPPORTED_MEDIA_TYPE, { supported: [...bodyMediaTypes] });
    case 'encoding.unsupported':
      return single(HTTP_UNSUPPORTED_MEDIA_TYPE, null, UNSUPPORTED_CONTENT_ENCODING);
    case RAISED_BEFORE_ROUTING:
      // See isRaisedBeforeRouting. The filter answers the unmatched case as any unknown
      // route (405 with Allow on a known path) before translating; this is the answer
      // without the route table (a caller of runtime.translate).
      if (context.request && !context.request.routeMatched) return { errors: [routeNotFound(context)] };
      return single(MALFORMED_REQUEST);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
    case 'request.aborted':
    case 'request.size.invalid':
      return single(MALFORMED_REQUEST);
  }
  // A body that its Content-Encoding cannot decode: Express's body parser passes zlib's
  // error on (its message, "incorrect header check", is zlib's, not ours).
  if (isDecodingFailure(error)) return single(HTTP_BAD_REQUEST, null, BODY_NOT_DECODABLE);
  // Express's router reports a bad percent-encoding in a path as a URIError, and its
  // JSON parser a parse failure as a SyntaxError with a 400 status; Nest wraps both.
  if (exception instanceof URIError) return single(MALFORMED_REQUEST);
  if (exception instanceof SyntaxError && status === 400) return single(MALFORMED_JSON);
  // Any other Fastify client error keeps its status with a neutral message.
  if (typeof error.code === 'string' && error.code.startsWith('FST_') && status !== undefined && status < 500) {
    return { errors: [(HTTP_STATUS_CODES.get(status) ?? HTTP_ERROR).create({ status })] };
  }
  return undefined;
}

/** Fastify's error for a QUERY request without Content-Type (RFC 10008), raised before routing. */
const RAISED_BEFORE_ROUTING = 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE';

/**
 * Whether a framework error was raised before the router looked for a route, so that on
 * a request no route matched it means "no such route" rather than a bad request: Fastify
 * asks a QUERY request for its Content-Type first, on a path no route has too, where
 * Express answers 404 (or 405 on a known path). As Fastify raises it, or wrapped by
 * Nest's adapter in an HttpException's cause.
 */
export function isRaisedBeforeRouting(exception: unknown): boolean {
  const error = exception as { code?: unknown; cause?: { code?: unknown } } | null;
  return (error?.code ?? error?.cause?.code) === RAISED_BEFORE_ROUTING;
}

/** The sentence both adapters answer an encoded body with when the app does not decode it. */
export const UNSUPPORTED_CONTENT_ENCODING = 'The Content-Encoding of the request body is not supported.';

/** The library's sentence for a body its Content-Encoding (gzip, deflate, br) cannot decode. */
const BODY_NOT_DECODABLE = 'The request body could not be decoded with the Content-Encoding it names.';

/** zlib's codes (`Z_DATA_ERROR`, `Z_BUF_ERROR`...), and brotli's and zstd's (`ERR_BROTLI_...`). */
function isDecodingFailure(error: ServerLibraryError): boolean {
  const code = error.code;
  return typeof code === 'string' && /^(?:Z_|ERR_BROTLI|ERR_ZSTD|ERR__ERROR_FORMAT)/u.test(code);
}

/** Node's error for a request cut short; Fastify hands it on as a plain object (code and statusCode). */
function isConnectionReset(exception: unknown): boolean {
  return typeof exception === 'object' && exception !== null && (exception as { code?: unknown }).code === 'ECONNRESET';
}

function isFastifyError(exception: unknown): boolean {
  const code = (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('FST_');
}

function isJsonText(body: unknown): boolean {
  if (typeof body !== 'string' || body.length > 64) return false;
  // An object or array that failed to parse is malformed: only a text that starts
  // otherwise may be valid JSON that strict mode refused. Parsing it anyway would build a
  // SyntaxError, stack trace included, for every malformed body.
  const first = body.trimStart()[0];
  if (first === '{' || first === '[') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function numericStatus(error: ServerLibraryError): number | undefined {
  const status = typeof error.statusCode === 'number' ? error.statusCode : error.status;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

function single(code: ErrorCode, details: Record<string, unknown> | null = null, message?: string): Translation {
  return { errors: [code.create({ details, message })] };
}
