import { translateDomainError } from './domain.translator.js';
import { translateFrameworkError } from './framework.translator.js';
import { ErrorTranslator, Translation, TranslationContext } from './translator.js';
import { translateUnknownError } from './unknown.translator.js';
import { translateValidationError } from './validation/index.js';

/**
 * Runs translators in order; the first that claims the error wins, and anything no
 * translator claims is a 500. (A translator that throws is caught by the filter, which
 * then answers its minimal 500.)
 */
export function translateError(
  exception: unknown,
  translators: readonly ErrorTranslator[],
  context: TranslationContext,
): Translation {
  for (const translator of translators) {
    const translation = translator(exception, context);
    if (translation && translation.errors.length > 0) return translation;
  }
  return translateUnknownError(exception, context);
}

/**
 * The order the runtime tries them in: the app's first, then the built-ins. The built-ins
 * claim disjoint kinds of errors, so their order only decides speed: the most frequent
 * kinds (domain, validation, HttpException) are tried first. Where each kind plugs in:
 *
 * - domain: `translateDomainError` (exceptions/), the app's own codes;
 * - validation: `translateValidationError` (translators/validation/), one branch per
 *   source: class-validator's `ValidationFailedException` and `ValidationError[]` today;
 *   another source (Standard Schema) adds its recogniser there, producing the same codes;
 * - framework: `translateFrameworkError` (HttpException, body parsers, Fastify errors);
 * - database: the translator ErrorsModule builds from database/ (kinds of failure shared,
 *   one dialect per SQLSTATE/driver-code classification: PostgreSQL today), last because
 *   it recognises errors by shape;
 * - anything else: `translateUnknownError`, a logged 500 (in `translateError`).
 */
export function defaultTranslators(
  appTranslators: readonly ErrorTranslator[] = [],
  databaseTranslator?: ErrorTranslator,
): ErrorTranslator[] {
  return [
    ...appTranslators,
    translateDomainError,
    translateValidationError,
    translateFrameworkError,
    ...(databaseTranslator ? [databaseTranslator] : []),
  ];
}
