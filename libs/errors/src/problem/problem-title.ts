import { STATUS_CODES } from 'node:http';
import type { LanguageText } from '../locales/compiled-locale.js';

/** A Problem Details title and the languages its words are in. */
export interface ProblemTitle {
  readonly text: string;
  readonly tags: readonly string[];
}

/**
 * "and N more problems", in the languages the library ships; other locales get the
 * English words (and Content-Language then names English too).
 */
const MORE_PROBLEMS: Readonly<Record<string, (more: number) => string>> = {
  en: (more) => `(and ${more} more ${more === 1 ? 'problem' : 'problems'})`,
  de: (more) => (more === 1 ? '(und 1 weiteres Problem)' : `(und ${more} weitere Probleme)`),
};

/**
 * The title of a Problem Details answer (RFC 9457: a short, human-readable summary of
 * the problem type, the same for every occurrence except for localization): the main
 * problem's summary, and when the answer holds several problems, a note saying how
 * many more. A code the registry does not know is summed up by the status phrase.
 */
export function problemTitle(
  summary: LanguageText | undefined,
  status: number,
  problems: number,
  localeTag: string,
): ProblemTitle {
  const main = summary ?? { text: STATUS_CODES[status] ?? 'Error', tag: 'en' };
  if (problems <= 1) return { text: main.text, tags: [main.tag] };
  const language = localeTag.split('-')[0].toLowerCase();
  const moreTag = Object.hasOwn(MORE_PROBLEMS, language) ? language : 'en';
  const tags = main.tag === moreTag ? [main.tag] : [main.tag, moreTag];
  return { text: `${main.text} ${MORE_PROBLEMS[moreTag](problems - 1)}`, tags };
}
