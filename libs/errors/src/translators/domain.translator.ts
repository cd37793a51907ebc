import { TOO_MANY_ERRORS } from '../codes/validation.codes.js';
import { responseStatus } from '../contract/status-rule.js';
import { DomainError, DomainErrors } from '../exceptions/domain-error.js';
import { DEFAULT_MAX_ERRORS } from '../validation/flatten.js';
import { ErrorTranslator } from './translator.js';

/** Claims the exceptions services throw: one DomainError, or several in DomainErrors. */
export const translateDomainError: ErrorTranslator = (exception) => {
  if (exception instanceof DomainError) {
    return { errors: [exception.toErrorWithStatus()] };
  }
  if (exception instanceof DomainErrors) {
    const all = exception.errors;
    if (all.length <= DEFAULT_MAX_ERRORS) return { errors: all.map((error) => error.toErrorWithStatus()) };
    // A collection grows with the client's input (one error per unknown key): it is
    // capped like the validation pipe's, the last object counting the rest, with the
    // status the whole collection would have had.
    const kept = all.slice(0, DEFAULT_MAX_ERRORS - 1).map((error) => error.toErrorWithStatus());
    const status = responseStatus(all.map((error) => error.status));
    const omitted = all.length - kept.length;
    const summary = TOO_MANY_ERRORS.create({ status, details: { omitted, max_errors: DEFAULT_MAX_ERRORS } });
    return { errors: [...kept, summary] };
  }
  return undefined;
};
