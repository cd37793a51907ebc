import { INTERNAL_ERROR } from '../codes/server.codes.js';
import { Translation, TranslationContext } from './translator.js';

/**
 * The last resort: anything no other translator claimed (a TypeError, a thrown string,
 * `null`, a Waterline-style plain object...) is a bug on our side. The body says only
 * that, plus the request id; the thrown value goes to the log.
 */
export function translateUnknownError(exception: unknown, context: TranslationContext): Translation {
  return {
    errors: [INTERNAL_ERROR.create({ details: { request_id: context.requestId } })],
    logged: exception,
  };
}
