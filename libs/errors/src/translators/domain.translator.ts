import { TOO_MANY_ERRORS } from '../codes/validation.codes.js';
import { DomainError, DomainErrors, contractErrorOf } from '../exceptions/domain-error.js';
import { ErrorTranslator } from './translator.js';

/** Claims the exceptions services throw: one DomainError, or several in DomainErrors. */
export const translateDomainError: ErrorTranslator = (exception) => {
  if (exception instanceof DomainError) {
    return { errors: [contractErrorOf(exception)] };
  }
  if (exception instanceof DomainErrors) {
    const errors = exception.errors.map((error) => contractErrorOf(error));
    // The same last object as a validation answer cut at its maximum. It takes the status
    // of an error kept, so the answer's status is the one the kept errors decide.
    if (exception.omitted > 0) {
      const details = { omitted: exception.omitted, max_errors: exception.maxErrors };
      errors.push(TOO_MANY_ERRORS.create({ details, status: errors[errors.length - 1]?.status }));
    }
    return { errors };
  }
  return undefined;
};
