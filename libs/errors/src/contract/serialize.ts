import { ApiError, toApiError } from './api-error.js';

/**
 * The JSON text of an error response body: the contract array, written key by key.
 * Whatever objects the translators returned, the text holds exactly the four keys in
 * contract order (as `JSON.stringify(errors.map(toApiError))` would, without copying
 * every object first: error paths are hot paths).
 */
export function serializeErrors(errors: readonly ApiError[]): string {
  let json = '[';
  for (let index = 0; index < errors.length; index++) {
    if (index > 0) json += ',';
    json += serializeError(errors[index]);
  }
  return `${json}]`;
}

function serializeError(error: ApiError): string {
  const { message, error_code: code, field, details } = error;
  // Anything else where the contract has a string, null or an object (a custom
  // translator's mistake, or an omitted key) takes the general path, so the text is
  // always what JSON.stringify makes of the contract object.
  if (
    typeof message !== 'string' ||
    typeof code !== 'string' ||
    (field !== null && typeof field !== 'string') ||
    typeof details !== 'object'
  ) {
    return JSON.stringify(toApiError(error));
  }
  return (
    `{"message":${JSON.stringify(message)},"error_code":${JSON.stringify(code)},` +
    `"field":${field === null ? 'null' : JSON.stringify(field)},` +
    `"details":${details === null ? 'null' : JSON.stringify(details)}}`
  );
}
