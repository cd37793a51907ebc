import { defineErrorCode } from './error-code.js';

// Domain codes (4000-4999): the generic kinds behind the library's domain exceptions.
// Apps usually define their own, more specific codes in the application range and pass
// them to the same exceptions.

export const INVALID_INPUT = defineErrorCode('4000', 'INVALID_INPUT', 400, 'The request is invalid.', {
  description: 'Default code of InvalidInputError.',
});
export const NOT_FOUND = defineErrorCode('4004', 'NOT_FOUND', 404, 'The {resource} was not found.', {
  details: '{ resource: string }',
  description: 'Default code of NotFoundError.',
});
export const CONFLICT = defineErrorCode(
  '4009',
  'CONFLICT',
  409,
  'The request conflicts with the current state of the {resource}.',
  {
    details: '{ resource: string }',
    description: 'Default code of ConflictError.',
  },
);

export const DOMAIN_CODES = [INVALID_INPUT, NOT_FOUND, CONFLICT];
