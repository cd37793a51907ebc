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
 * The order the filter tries them in: the app's first, then the built-ins. The built-ins
 * claim disjoint kinds of errors, so their order only decides speed: the most frequent
 * kinds (domain, validation, HttpException) are tried first.
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
