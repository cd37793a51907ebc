import { GERMAN } from './de.js';
import { LocaleMessages } from './locale-messages.js';

/**
 * The locales the library ships besides English (the language of the codes' own
 * templates, which needs no catalogue). An app adds more, or overrides any message,
 * with `ErrorsModule.forRoot({ messages })`.
 */
export const BUILTIN_LOCALES: Readonly<Record<string, LocaleMessages>> = Object.freeze({ de: GERMAN });
