import { ErrorWithStatus } from '../contract/api-error.js';
import { defineErrorCode } from '../codes/error-code.js';
import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { IS_STRING, TOO_MANY_ERRORS } from '../codes/validation.codes.js';
import { LocalizableError } from '../contract/localizable-error.js';
import { LocaleCatalogues, withParents } from './locale-catalogues.js';
import { GERMAN } from './de.js';

const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.', {
  details: '{ id: number }',
});
const codes = [...BUILTIN_CODES, USER_NOT_FOUND];
const catalogues = (defaultLocale = 'en') =>
  new LocaleCatalogues(
    codes,
    [
      { de: GERMAN },
      {
        de: { codes: { '6001': 'Kein Benutzer hat die ID {id}.' }, rules: { isSlug: '{field} ist kein Slug.' } },
        'de-CH': { codes: { '6001': 'Kein Benützer hat die ID {id}.' } },
        fr: { codes: { '6001': 'Aucun utilisateur n’a l’identifiant {id}.' } },
      },
    ],
    defaultLocale,
  );
const locale = (tag: string, defaultLocale?: string) => catalogues(defaultLocale).byTag.get(tag.toLowerCase())!;
const messageIn = (tag: string, item: ErrorWithStatus, defaultLocale?: string) =>
  locale(tag, defaultLocale).message(item);

describe('LocaleCatalogues', () => {
  it('renders a code’s template again in the locale, from the same values', () => {
    const item = USER_NOT_FOUND.create({ details: { id: 7 } });
    expect(messageIn('en', item)).toBe('No user has the id 7.');
    expect(messageIn('de', item)).toBe('Kein Benutzer hat die ID 7.');
    expect(messageIn('de-CH', item)).toBe('Kein Benützer hat die ID 7.');
    expect(messageIn('fr', item)).toBe('Aucun utilisateur n’a l’identifiant 7.');
  });

  it('falls back from a region to its language, then to the default locale', () => {
    const item = IS_STRING.create({ field: 'name' });
    expect(messageIn('de-CH', item)).toBe('Name muss eine Zeichenkette sein.');
    expect(messageIn('fr', item)).toBe('Name must be a string.');
    expect(messageIn('fr', item, 'de')).toBe('Name muss eine Zeichenkette sein.');
    expect(messageIn('en', item, 'de')).toBe('Name must be a string.');
  });

  it('fills params before details before the field, as the code itself does', () => {
    const item = USER_NOT_FOUND.create({ details: { id: 7 }, params: { id: 'seven' } });
    expect(item.error.message).toBe('No user has the id seven.');
    expect(messageIn('de', item)).toBe('Kein Benutzer hat die ID seven.');
  });

  it('picks plural forms with the locale’s rules', () => {
    expect(messageIn('de', TOO_MANY_ERRORS.create({ details: { omitted: 1, max_errors: 100 } }))).toBe(
      '1 weiterer Validierungsfehler wurde ausgelassen.',
    );
    expect(messageIn('de', TOO_MANY_ERRORS.create({ details: { omitted: 5, max_errors: 100 } }))).toBe(
      '5 weitere Validierungsfehler wurden ausgelassen.',
    );
  });

  it('keeps messages written for the occurrence, and occurrence templates', () => {
    expect(messageIn('de', USER_NOT_FOUND.create({ message: 'Gone for good.' }))).toBe('Gone for good.');
    expect(messageIn('de', USER_NOT_FOUND.create({ template: 'User {id} left.', details: { id: 7 } }))).toBe(
      'User 7 left.',
    );
    expect(
      messageIn('de', { status: 404, error: { message: 'Plain.', error_code: '6001', field: null, details: null } }),
    ).toBe('Plain.');
  });

  it("keeps a custom rule's own default message under the generic code, unless the locale has the rule", () => {
    const rule = (name: string) =>
      new LocalizableError(
        400,
        { message: 'Slug is wrong.', error_code: '2000', field: 'slug', details: null },
        {
          rule: name,
        },
      );
    expect(messageIn('de', rule('isKebab'))).toBe('Slug is wrong.');
    expect(messageIn('de', rule('isSlug'))).toBe('Slug ist kein Slug.');
    const builtIn = new LocalizableError(
      400,
      { message: 'Name must be a string.', error_code: '2024', field: 'name', details: null },
      { rule: 'isString' },
    );
    expect(messageIn('de', builtIn)).toBe('Name muss eine Zeichenkette sein.');
  });

  it('marks the locales that change nothing, so their errors are sent as built', () => {
    expect(locale('en').unchanged).toBe(true);
    expect(locale('de').unchanged).toBe(false);
  });

  it('reports what the locales the app configures lack, once, as one list', () => {
    // de-CH lacks nothing: what its own catalogue has not, its parent de has.
    expect(catalogues().problems).toEqual([
      `Locale fr has no message for ${BUILTIN_CODES.length} code(s), answered in en instead: ${BUILTIN_CODES.map((code) => code.code).join(', ')}.`,
    ]);
    expect(catalogues('de').problems[0]).toMatch(
      /^Locale fr has no message for \d+ code\(s\), answered in de \(else en\) instead: /,
    );
  });

  it("does not report the app's codes missing from a built-in locale the app did not configure", () => {
    const plain = new LocaleCatalogues(codes, [{ de: GERMAN }, {}], 'en');
    expect(plain.problems).toEqual([]);
    // ...but its default locale is the app's choice, so there the gap is reported.
    expect(new LocaleCatalogues(codes, [{ de: GERMAN }, {}], 'de').problems).toEqual([
      'Locale de has no message for 1 code(s), answered in en instead: 6001.',
    ]);
  });
});

describe('withParents', () => {
  it.each([
    ['de', ['de']],
    ['de-CH', ['de-CH', 'de']],
    ['zh-Hant-TW', ['zh-Hant-TW', 'zh-Hant', 'zh']],
    ['de-CH-x-phonebk', ['de-CH-x-phonebk', 'de-CH', 'de']],
  ])('%s -> %j', (tag, chain) => {
    expect(withParents(tag)).toEqual(chain);
  });
});
