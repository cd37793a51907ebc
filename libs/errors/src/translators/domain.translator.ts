import { DomainError, DomainErrors, contractErrorOf } from '../exceptions/domain-error.js';
import { ErrorTranslator } from './translator.js';

/** Claims the exceptions services throw: one DomainError, or several in DomainErrors. */
export const translateDomainError: ErrorTranslator = (exception) => {
  if (exception instanceof DomainError) {
    return { errors: [contractErrorOf(exception)] };
  }
  if (exception instanceof DomainErrors) {
    return { errors: exception.errors.map((error) => contractErrorOf(error)) };
  }
  return undefined;
};
