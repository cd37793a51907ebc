import { defineErrorCode } from './error-code.js';

// Request and HTTP codes (1000-1999): failures of the request itself, found before
// any handler ran (routing, body parsing), and Nest's HttpExceptions by status.

export const ROUTE_NOT_FOUND = defineErrorCode('1001', 'ROUTE_NOT_FOUND', 404, 'No route matches {method} {path}.', {
  details: '{ method: string, path: string }',
  description: 'The method and path match no route of the API.',
});
export const MALFORMED_JSON = defineErrorCode('1002', 'MALFORMED_JSON', 400, 'The request body is not valid JSON.', {
  description: 'The body was sent as JSON but could not be parsed.',
});
export const BODY_TOO_LARGE = defineErrorCode(
  '1003',
  'BODY_TOO_LARGE',
  413,
  'The request body is larger than the server accepts.',
  { details: '{ limit_bytes: number | null }' },
);
export const UNSUPPORTED_MEDIA_TYPE = defineErrorCode(
  '1004',
  'UNSUPPORTED_MEDIA_TYPE',
  415,
  'The request body must be sent as {supported}.',
  {
    details: '{ supported: string[] }',
    description: 'A body was sent with a Content-Type the route does not read (for example text/xml to a JSON route).',
  },
);
export const INVALID_UTF8 = defineErrorCode('1005', 'INVALID_UTF8', 400, 'The request body is not valid UTF-8.');
export const UNSUPPORTED_CHARSET = defineErrorCode(
  '1006',
  'UNSUPPORTED_CHARSET',
  415,
  'The request body must be encoded as UTF-8.',
  { details: '{ charset: string }' },
);
export const EMPTY_BODY = defineErrorCode('1007', 'EMPTY_BODY', 400, 'The request body is empty; send a JSON object.', {
  description: 'The Content-Type says JSON but no body came with it.',
});
export const MALFORMED_REQUEST = defineErrorCode('1008', 'MALFORMED_REQUEST', 400, 'The request is malformed.', {
  description: 'The HTTP server rejected the request before routing (bad headers, bad framing, empty JSON body).',
});
export const HTTP_ERROR = defineErrorCode('1010', 'HTTP_ERROR', 400, 'The request failed.', {
  details: '{ reason: string } | null',
  description: 'An HttpException with a status that has no code of its own; the status is kept.',
});

// GraphQL's own request errors (nest-error-contract/graphql): the operation was refused
// before any resolver ran. The message stays GraphQL's (it names the line and column);
// the code says which kind of refusal it was.
export const GRAPHQL_PARSE_FAILED = defineErrorCode(
  '1040',
  'GRAPHQL_PARSE_FAILED',
  400,
  'The GraphQL document is not valid GraphQL syntax.',
  { description: "GraphQL's syntax error; the message is GraphQL's own, with the line and column." },
);
export const GRAPHQL_VALIDATION_FAILED = defineErrorCode(
  '1041',
  'GRAPHQL_VALIDATION_FAILED',
  400,
  'The GraphQL operation does not match the schema.',
  {
    description:
      "An unknown field or argument, a wrong argument type, or a variable whose value does not match its type; the message is GraphQL's own.",
  },
);
export const GRAPHQL_BAD_REQUEST = defineErrorCode(
  '1042',
  'GRAPHQL_BAD_REQUEST',
  400,
  'The request is not a GraphQL operation the server can run.',
  {
    description:
      "No query, an operation name that names no operation, a mutation sent with GET, or a subscription over HTTP; the message is the GraphQL server's own.",
  },
);

export const ERROR_CODE_NOT_FOUND = defineErrorCode(
  '1035',
  'ERROR_CODE_NOT_FOUND',
  404,
  'No error code {code} is registered.',
  {
    details: '{ code: string }',
    description: 'The error code catalogue (option `catalogue`) was asked for a code the app does not register.',
  },
);

export const RATE_LIMITED = defineErrorCode(
  '1060',
  'RATE_LIMITED',
  429,
  'Too many requests. Try again after the time in Retry-After.',
  {
    details: '{ limit: number, window_seconds: number, retry_after_seconds: number } | null',
    description:
      'A rate limit refused the request (@nestjs/throttler). `Retry-After` says how many seconds to wait; ' +
      '`details` says the limit (at most `limit` requests per `window_seconds`) when the throttler guard ' +
      'reports it, null for the stock guard, which does not.',
  },
);

const httpStatusCode = (code: string, name: string, status: number, message: string) =>
  defineErrorCode(code, name, status, message, { details: '{ reason: string } | null' });

// Nest's built-in HttpException subclasses, one code per status. The message is the
// exception's own when it gave a string, otherwise this default. `details` is
// `{ reason }` when the exception carried a Nest 12 `errorCode` that is not a
// registered code, null otherwise.
export const HTTP_BAD_REQUEST = httpStatusCode('1400', 'HTTP_BAD_REQUEST', 400, 'The request is invalid.');
export const HTTP_UNAUTHORIZED = httpStatusCode('1401', 'HTTP_UNAUTHORIZED', 401, 'Authentication is required.');
export const HTTP_PAYMENT_REQUIRED = httpStatusCode('1402', 'HTTP_PAYMENT_REQUIRED', 402, 'Payment is required.');
export const HTTP_FORBIDDEN = httpStatusCode('1403', 'HTTP_FORBIDDEN', 403, 'You are not allowed to do this.');
export const HTTP_NOT_FOUND = httpStatusCode('1404', 'HTTP_NOT_FOUND', 404, 'The resource was not found.');
export const HTTP_METHOD_NOT_ALLOWED = httpStatusCode(
  '1405',
  'HTTP_METHOD_NOT_ALLOWED',
  405,
  'The method is not allowed.',
);
export const HTTP_NOT_ACCEPTABLE = httpStatusCode(
  '1406',
  'HTTP_NOT_ACCEPTABLE',
  406,
  'No acceptable representation is available.',
);
export const HTTP_REQUEST_TIMEOUT = httpStatusCode('1408', 'HTTP_REQUEST_TIMEOUT', 408, 'The request took too long.');
export const HTTP_CONFLICT = httpStatusCode(
  '1409',
  'HTTP_CONFLICT',
  409,
  'The request conflicts with the current state.',
);
export const HTTP_GONE = httpStatusCode('1410', 'HTTP_GONE', 410, 'The resource is gone.');
export const HTTP_PRECONDITION_FAILED = httpStatusCode(
  '1412',
  'HTTP_PRECONDITION_FAILED',
  412,
  'A precondition failed.',
);
export const HTTP_PAYLOAD_TOO_LARGE = httpStatusCode(
  '1413',
  'HTTP_PAYLOAD_TOO_LARGE',
  413,
  'The request is too large.',
);
export const HTTP_UNSUPPORTED_MEDIA_TYPE = httpStatusCode(
  '1415',
  'HTTP_UNSUPPORTED_MEDIA_TYPE',
  415,
  'The media type is not supported.',
);
export const HTTP_IM_A_TEAPOT = httpStatusCode('1418', 'HTTP_IM_A_TEAPOT', 418, 'I am a teapot.');
export const HTTP_MISDIRECTED = httpStatusCode('1421', 'HTTP_MISDIRECTED', 421, 'The request was misdirected.');
export const HTTP_UNPROCESSABLE_ENTITY = httpStatusCode(
  '1422',
  'HTTP_UNPROCESSABLE_ENTITY',
  422,
  'The request could not be processed.',
);
export const HTTP_PRECONDITION_REQUIRED = httpStatusCode(
  '1428',
  'HTTP_PRECONDITION_REQUIRED',
  428,
  'A precondition is required.',
);
export const HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE = httpStatusCode(
  '1431',
  'HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE',
  431,
  'The request headers are too large.',
);
export const HTTP_TOO_MANY_REQUESTS = httpStatusCode('1429', 'HTTP_TOO_MANY_REQUESTS', 429, 'Too many requests.');
export const HTTP_NOT_IMPLEMENTED = httpStatusCode('1501', 'HTTP_NOT_IMPLEMENTED', 501, 'This is not implemented.');
export const HTTP_BAD_GATEWAY = httpStatusCode('1502', 'HTTP_BAD_GATEWAY', 502, 'An upstream service failed.');
export const HTTP_SERVICE_UNAVAILABLE = httpStatusCode(
  '1503',
  'HTTP_SERVICE_UNAVAILABLE',
  503,
  'The service is unavailable. Try again later.',
);
export const HTTP_GATEWAY_TIMEOUT = httpStatusCode(
  '1504',
  'HTTP_GATEWAY_TIMEOUT',
  504,
  'An upstream service timed out.',
);
export const HTTP_VERSION_NOT_SUPPORTED = httpStatusCode(
  '1505',
  'HTTP_VERSION_NOT_SUPPORTED',
  505,
  'The HTTP version is not supported.',
);

/** HttpException status -> its code. Statuses not listed use HTTP_ERROR (or INTERNAL_ERROR for 500). */
export const HTTP_STATUS_CODES: ReadonlyMap<number, typeof HTTP_BAD_REQUEST> = new Map(
  [
    HTTP_BAD_REQUEST,
    HTTP_UNAUTHORIZED,
    HTTP_PAYMENT_REQUIRED,
    HTTP_FORBIDDEN,
    HTTP_NOT_FOUND,
    HTTP_METHOD_NOT_ALLOWED,
    HTTP_NOT_ACCEPTABLE,
    HTTP_REQUEST_TIMEOUT,
    HTTP_CONFLICT,
    HTTP_GONE,
    HTTP_PRECONDITION_FAILED,
    HTTP_PAYLOAD_TOO_LARGE,
    HTTP_UNSUPPORTED_MEDIA_TYPE,
    HTTP_IM_A_TEAPOT,
    HTTP_MISDIRECTED,
    HTTP_UNPROCESSABLE_ENTITY,
    HTTP_PRECONDITION_REQUIRED,
    HTTP_TOO_MANY_REQUESTS,
    HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
    HTTP_NOT_IMPLEMENTED,
    HTTP_BAD_GATEWAY,
    HTTP_SERVICE_UNAVAILABLE,
    HTTP_GATEWAY_TIMEOUT,
    HTTP_VERSION_NOT_SUPPORTED,
  ].map((definition) => [definition.status, definition]),
);

export const REQUEST_CODES = [
  ROUTE_NOT_FOUND,
  MALFORMED_JSON,
  BODY_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  INVALID_UTF8,
  UNSUPPORTED_CHARSET,
  EMPTY_BODY,
  MALFORMED_REQUEST,
  HTTP_ERROR,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  GRAPHQL_BAD_REQUEST,
  ERROR_CODE_NOT_FOUND,
  RATE_LIMITED,
  ...HTTP_STATUS_CODES.values(),
];
