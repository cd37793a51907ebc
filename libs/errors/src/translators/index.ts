import { ErrorWithStatus } from '../contract/api-error';
import { translateDomainError } from './domain.translator';
import { translateFrameworkError } from './framework.translator';
import { ErrorTranslator, Translation, TranslationContext } from './translator';
import { translateUnknownError } from './unknown.translator';
import { translateValidationError } from './validation';

export * from './domain.translator';
export * from './framework.translator';
export * from './translator';
export * from './unknown.translator';
export * from './validation';

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

export type { ErrorWithStatus };
