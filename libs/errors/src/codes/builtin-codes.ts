import { DATABASE_CODES } from './database.codes.js';
import { DOMAIN_CODES } from './domain.codes.js';
import { ErrorCode } from './error-code.js';
import { REQUEST_CODES } from './request.codes.js';
import { SERVER_CODES } from './server.codes.js';
import { VALIDATION_CODES } from './validation.codes.js';

/** Every code the library itself can answer with, in all categories. */
export const BUILTIN_CODES: readonly ErrorCode[] = [
  ...REQUEST_CODES,
  ...VALIDATION_CODES,
  ...DATABASE_CODES,
  ...DOMAIN_CODES,
  ...SERVER_CODES,
];
