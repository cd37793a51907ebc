import { ErrorCode } from '../codes/error-code.js';
import { LocaleMessages, LocalizedMessage, formsOf } from './locale-messages.js';

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/gu;

/** The `{placeholders}` of a template, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]))];
}

/**
 * What a code's occurrences can fill a template with: the placeholders of its own
 * (English) template, the keys its documented `details` shape names, and `field`.
 */
export function providedPlaceholders(code: ErrorCode): Set<string> {
  const documented = Array.from(code.details.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\??\s*:/gu), (match) => match[1]);
  return new Set(['field', ...placeholdersOf(code.message), ...documented]);
}

/**
 * Everything wrong with one locale's messages for a set of codes: a code without a
 * message, a message for a code not in the set, a placeholder the code does not provide
 * (it would be sent as `{name}`), or one the English message uses that the translation
 * drops (the client would lose that information in this language). An empty list means
 * the locale is complete. Meant for a test of an app's own catalogue:
 *
 *     expect(findTranslationProblems(APP_ERROR_CODES, APP_MESSAGES.de, 'de')).toEqual([]);
 */
export function findTranslationProblems(
  codes: readonly ErrorCode[],
  messages: LocaleMessages,
  locale = 'this locale',
): string[] {
  const translated = messages.codes ?? {};
  const missing = codes
    .filter((code) => !Object.hasOwn(translated, code.code))
    .map((code) => `${locale} has no message for ${label(code)}.`);
  return [...missing, ...findMessageProblems(codes, messages, locale)];
}

/** The same checks without completeness: what is wrong with the messages a locale has. */
export function findMessageProblems(codes: readonly ErrorCode[], messages: LocaleMessages, locale: string): string[] {
  const problems: string[] = [];
  const byCode = new Map(codes.map((code) => [code.code, code]));
  for (const [key, message] of Object.entries(messages.codes ?? {})) {
    const code = byCode.get(key);
    if (!code) {
      problems.push(`${locale} has a message for ${key}, which is not a registered code.`);
      continue;
    }
    problems.push(...messageProblems(message, code, locale));
  }
  for (const [rule, message] of Object.entries(messages.rules ?? {})) {
    problems.push(...shapeProblems(message, `${locale}'s message for the rule ${rule}`));
  }
  return problems;
}

function messageProblems(message: LocalizedMessage, code: ErrorCode, locale: string): string[] {
  const where = `${locale}'s message for ${label(code)}`;
  const shape = shapeProblems(message, where);
  if (shape.length > 0) return shape;
  const provided = providedPlaceholders(code);
  const english = placeholdersOf(code.message);
  const problems: string[] = [];
  if (typeof message !== 'string' && !provided.has(message.plural)) {
    problems.push(`${where} picks its plural form by {${message.plural}}, which the code does not provide.`);
  }
  for (const form of formsOf(message)) {
    const used = placeholdersOf(form);
    for (const name of used) {
      if (!provided.has(name)) problems.push(`${where} uses {${name}}, which the code does not provide: "${form}".`);
    }
    for (const name of english) {
      if (!used.includes(name)) problems.push(`${where} drops {${name}}, which the English message uses: "${form}".`);
    }
  }
  return problems;
}

/** A message must be a non-empty template, or plural forms with `other` and a placeholder to pick by. */
function shapeProblems(message: unknown, where: string): string[] {
  if (typeof message === 'string') return message.trim() === '' ? [`${where} is empty.`] : [];
  const plural = message as { plural?: unknown; other?: unknown } | null;
  if (plural === null || typeof plural !== 'object') return [`${where} is neither a string nor plural forms.`];
  if (typeof plural.plural !== 'string') return [`${where} has plural forms but no \`plural\` placeholder to pick by.`];
  if (typeof plural.other !== 'string') return [`${where} has plural forms but no \`other\` form.`];
  return [];
}

function label(code: ErrorCode): string {
  return `${code.code} (${code.name})`;
}
