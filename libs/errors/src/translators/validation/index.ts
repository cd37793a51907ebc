import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from '../../validation/flatten.js';
import { ValidationFailedException } from '../../validation/validation-failed.exception.js';
import { ErrorTranslator } from '../translator.js';

/**
 * Claims what the library's validation and parse pipes throw (the contract objects are
 * built there, where the pipe's options are known), and a bare array of class-validator
 * errors thrown by code that calls `validate()` itself.
 */
export const translateValidationError: ErrorTranslator = (exception) => {
  if (exception instanceof ValidationFailedException) return { errors: [...exception.errors] };
  if (isValidationErrorList(exception)) return { errors: flattenValidationErrors(exception) };
  return undefined;
};

function isValidationErrorList(value: unknown): value is ValidationError[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof ValidationError);
}
