import { ValidationError } from 'class-validator';
import { ErrorWithStatus } from '../../contract/api-error.js';
import { flattenValidationErrors } from '../../validation/flatten.js';
import { ValidationFailedException } from '../../validation/validation-failed.exception.js';
import { ErrorTranslator } from '../translator.js';

/**
 * Claims what the library's validation and parse pipes throw (the contract objects are
 * built there, where the pipe's options are known), and a bare array of class-validator
 * errors thrown by code that calls `validate()` itself.
 */
export const translateValidationError: ErrorTranslator = (exception) => {
  // The pipe's list as it is: the filter only reads it, so a copy per response is waste.
  if (exception instanceof ValidationFailedException) return { errors: exception.errors as ErrorWithStatus[] };
  if (isValidationErrorList(exception)) return { errors: flattenValidationErrors(exception) };
  return undefined;
};

function isValidationErrorList(value: unknown): value is ValidationError[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof ValidationError);
}
