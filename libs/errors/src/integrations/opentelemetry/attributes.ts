import type { AnsweredError } from '../answered-error.js';
import type { Attributes } from './opentelemetry-api.js';

/**
 * Span attributes of an error answer. `error.type` is the error code of the answer's
 * first error (`"2001"`): the value a client quotes and the catalogue lists, low in
 * cardinality, stable once published. Every code of the answer, in body order, is in
 * `error_contract.codes` (several for a validation failure with several fields).
 */
export function spanAttributes(answer: AnsweredError): Attributes {
  return {
    'error.type': answer.codes[0] ?? String(answer.status),
    'http.response.status_code': answer.status,
    'error_contract.codes': [...answer.codes],
  };
}

/**
 * Attributes of one counted error: its code, the response status and the route
 * template. Never the raw path (unbounded cardinality); no route at all when none
 * matched (an unknown path, a body refused before routing).
 */
export function counterAttributes(code: string, answer: AnsweredError): Attributes {
  const attributes: Attributes = { 'error.type': code, 'http.response.status_code': answer.status };
  if (answer.route !== undefined) attributes['http.route'] = answer.route;
  return attributes;
}
