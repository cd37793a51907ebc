import { BUILTIN_CODES, ErrorCodeRegistry } from '@app/errors';
import { APP_ERROR_CODES } from '../src/errors/app-error-codes';

/** The registry the catalogue documents: the library's built-in codes and the sample app's. */
export function catalogueRegistry(): ErrorCodeRegistry {
  return new ErrorCodeRegistry().register(BUILTIN_CODES, 'library').register(APP_ERROR_CODES, 'application');
}
