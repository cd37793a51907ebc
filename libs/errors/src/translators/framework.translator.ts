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
export const translateFrameworkError: ErrorTranslator = (exception, context) => {
  if (exception instanceof HttpException) {
    return translateHttpException(exception, context);
  }
  // Unwrapped, only Fastify's own errors are claimed: a URIError or an http-errors
  // object thrown by app code (a failed call to another service) is not a bad request.
  return isFastifyError(exception) ? translateServerLibraryError(exception, context) : undefined;
};

function translateHttpException(exception: HttpException, context: TranslationContext): Translation {
  const status = exception.getStatus();
  // Body-parser and router failures arrive wrapped by Nest's Express adapter; the
  // wrapped error says what really happened.
  const underlying = translateServerLibraryError(exception.cause, context);
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
  const messages = clientMessages(exception.getResponse()).filter((message) => !isReasonPhrase(message, status));
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
function translateServerLibraryError(exception: unknown, context: TranslationContext): Translation | undefined {
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
      return single(UNSUPPORTED_MEDIA_TYPE, { supported: [...context.bodyMediaTypes] });
    case 'encoding.unsupported':
      return single(HTTP_UNSUPPORTED_MEDIA_TYPE);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
    case 'request.aborted':
    case 'request.size.invalid':
      return single(MALFORMED_REQUEST);
  }
  // A compressed body that does not decompress (Content-Encoding: gzip on plain text):
  // body-parser passes zlib's own error on with status 400. Its text is zlib's, not ours.
  if (status === 400 && typeof (error as { errno?: unknown }).errno === 'number') return single(HTTP_BAD_REQUEST);
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
