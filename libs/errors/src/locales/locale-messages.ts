/**
 * One message in one locale: a template with the same `{placeholders}` as the code's
 * own, or plural forms of it when the language needs them.
 */
export type LocalizedMessage = string | PluralMessage;

/**
 * Plural forms of one message, picked by the number in one placeholder with the
 * locale's `Intl.PluralRules` (`one`, `other`, and for some languages `zero`, `two`,
 * `few`, `many`). `other` is required: it is used for every category not given.
 *
 *     { plural: 'min', one: '{field} muss mindestens {min} Element enthalten.',
 *       other: '{field} muss mindestens {min} Elemente enthalten.' }
 */
export interface PluralMessage {
  /** The placeholder whose value selects the form. */
  readonly plural: string;
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/**
 * The messages of one locale. `codes` is keyed by error code (`'6001'`); `rules` by
 * class-validator constraint name (`'isSlug'`), for a custom rule that shares the generic
 * code 2000 and would otherwise keep its own default message in every language.
 */
export interface LocaleMessages {
  readonly codes?: Readonly<Record<string, LocalizedMessage>>;
  readonly rules?: Readonly<Record<string, LocalizedMessage>>;
}

/** The forms of a message: one template, or each plural form's. */
export function formsOf(message: LocalizedMessage): string[] {
  if (typeof message === 'string') return [message];
  return PLURAL_CATEGORIES.flatMap((category) => {
    const form = message[category];
    return form === undefined ? [] : [form];
  });
}

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
