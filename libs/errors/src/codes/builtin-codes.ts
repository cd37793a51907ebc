import { DATABASE_CODES } from './database.codes';
import { DOMAIN_CODES } from './domain.codes';
import { ErrorCode } from './error-code';
import { REQUEST_CODES } from './request.codes';
import { SERVER_CODES } from './server.codes';
import { VALIDATION_CODES } from './validation.codes';

/** Every code the library itself can answer with, in all categories. */
export const BUILTIN_CODES: readonly ErrorCode[] = [
  ...REQUEST_CODES,
  ...VALIDATION_CODES,
  ...DATABASE_CODES,
  ...DOMAIN_CODES,
  ...SERVER_CODES,
];
