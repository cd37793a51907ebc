import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { defineErrorCode } from '../codes/error-code.js';
import { BUILTIN_LOCALES } from './builtin-locales.js';
import { findTranslationProblems } from './translation-problems.js';

describe('the locales the library ships', () => {
  it.each(Object.keys(BUILTIN_LOCALES))('%s has a message for every built-in code, with its placeholders', (locale) => {
    expect(findTranslationProblems(BUILTIN_CODES, BUILTIN_LOCALES[locale], locale)).toEqual([]);
  });
});

describe('findTranslationProblems', () => {
  const ID = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.', { details: '{ id: number }' });
  const TAKEN = defineErrorCode('6002', 'EMAIL_TAKEN', 409, 'This email is taken.', {
    details: '{ columns: string[], values?: unknown[] } | null',
  });

  it('names a code the locale has no message for', () => {
    expect(findTranslationProblems([ID, TAKEN], { codes: { '6001': 'Kein Benutzer hat die ID {id}.' } }, 'de')).toEqual(
      ['de has no message for 6002 (EMAIL_TAKEN).'],
    );
  });

  it('names a placeholder the code does not provide, and one the English uses that is dropped', () => {
    expect(findTranslationProblems([ID], { codes: { '6001': 'Kein Benutzer {name} gefunden.' } }, 'de')).toEqual([
      'de\'s message for 6001 (USER_NOT_FOUND) uses {name}, which the code does not provide: "Kein Benutzer {name} gefunden.".',
      'de\'s message for 6001 (USER_NOT_FOUND) drops {id}, which the English message uses: "Kein Benutzer {name} gefunden.".',
    ]);
  });

  it('accepts the field and documented details keys the English message does not use', () => {
    const messages = { codes: { '6002': '{field} ist vergeben ({columns}, {values}).' } };
    expect(findTranslationProblems([TAKEN], messages, 'de')).toEqual([]);
  });

  it('checks every plural form and the placeholder that picks it', () => {
    const messages = { codes: { '6001': { plural: 'count', one: 'Ein Benutzer.', other: 'Benutzer {id}.' } } };
    expect(findTranslationProblems([ID], messages, 'de')).toEqual([
      "de's message for 6001 (USER_NOT_FOUND) picks its plural form by {count}, which the code does not provide.",
      'de\'s message for 6001 (USER_NOT_FOUND) drops {id}, which the English message uses: "Ein Benutzer.".',
    ]);
  });

  it('names a message for a code that is not in the set, and malformed messages', () => {
    const messages = { codes: { '6001': 'ID {id}.', '6999': 'Nichts.' }, rules: { isSlug: { plural: 'x' } } };
    expect(findTranslationProblems([ID], messages as never, 'de')).toEqual([
      'de has a message for 6999, which is not a registered code.',
      "de's message for the rule isSlug has plural forms but no `other` form.",
    ]);
  });
});
