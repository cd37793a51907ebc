import { defineErrorCode } from '../codes/error-code.js';
import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { IS_EMAIL, MIN_LENGTH } from '../codes/validation.codes.js';
import { ROUTE_NOT_FOUND } from '../codes/request.codes.js';
import { LocaleCatalogues } from './locale-catalogues.js';
import { GERMAN } from './de.js';

const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.');
const CART_FULL = defineErrorCode('6002', 'CART_FULL', 400, 'A cart holds at most {max} items.');
const codes = [...BUILTIN_CODES, USER_NOT_FOUND, CART_FULL];
const locales = (app: Parameters<typeof appCatalogues>[0] = {}, defaultLocale = 'en') =>
  appCatalogues(app, defaultLocale).byTag;
function appCatalogues(app: ConstructorParameters<typeof LocaleCatalogues>[1][number], defaultLocale: string) {
  return new LocaleCatalogues(codes, [{ de: GERMAN }, app], defaultLocale);
}

describe('the language of each message', () => {
  const email = IS_EMAIL.create({ field: 'email' });
  const userNotFound = USER_NOT_FOUND.create({ details: { id: 7 } });
  const written = USER_NOT_FOUND.create({ message: 'Nobody here' });

  it('is the locale’s where it has the message, the fallback’s where it does not', () => {
    const de = locales().get('de')!;
    expect(de.languages([email])).toEqual(['de']);
    // The built-in German covers the library's codes, not an app's: 6001 stays English.
    expect(de.languages([userNotFound])).toEqual(['en']);
    expect(de.languages([email, userNotFound, email])).toEqual(['de', 'en']);
    expect(
      locales({ de: { codes: { '6001': 'Kein Benutzer hat die ID {id}.' } } })
        .get('de')!
        .languages([userNotFound]),
    ).toEqual(['de']);
  });

  it('takes words the app wrote to be in its default locale', () => {
    expect(locales().get('de')!.languages([written, email])).toEqual(['en', 'de']);
    expect(locales({}, 'de').get('de')!.languages([written, userNotFound])).toEqual(['de', 'en']);
  });

  it('is the one language of a locale whose messages are all in it', () => {
    expect(locales().get('en')!.languages([email, userNotFound, written])).toEqual(['en']);
  });

  it('follows a region to its language (de-CH messages come from de)', () => {
    const swiss = locales({ 'de-CH': { codes: { '6001': 'Kein Benützer hat die ID {id}.' } } }).get('de-ch')!;
    expect(swiss.languages([userNotFound, email])).toEqual(['de-CH', 'de']);
  });
});

describe('the summary of a code (the Problem Details title)', () => {
  it('is its template in the locale, placeholders left blank', () => {
    const de = locales().get('de')!;
    const en = locales().get('en')!;
    expect(en.summary(IS_EMAIL.code, IS_EMAIL.message)).toEqual({ text: '… must be an email.', tag: 'en' });
    expect(de.summary(IS_EMAIL.code, IS_EMAIL.message)).toEqual({
      text: '… muss eine E-Mail-Adresse sein.',
      tag: 'de',
    });
    expect(en.summary(MIN_LENGTH.code, MIN_LENGTH.message)).toEqual({
      text: '… must be longer than or equal to … characters.',
      tag: 'en',
    });
    // Neighbouring blanks read as one; a blank at the end needs no period after it.
    expect(en.summary(ROUTE_NOT_FOUND.code, ROUTE_NOT_FOUND.message)).toEqual({
      text: 'No route matches …',
      tag: 'en',
    });
    expect(de.summary(USER_NOT_FOUND.code, USER_NOT_FOUND.message)).toEqual({
      text: 'No user has the id …',
      tag: 'en',
    });
  });

  it('picks the general plural form', () => {
    const de = locales({
      de: {
        codes: {
          '6002': {
            plural: 'max',
            one: 'Ein Warenkorb fasst {max} Position.',
            other: 'Ein Warenkorb fasst höchstens {max} Positionen.',
          },
        },
      },
    }).get('de')!;
    expect(de.summary(CART_FULL.code, CART_FULL.message)).toEqual({
      text: 'Ein Warenkorb fasst höchstens … Positionen.',
      tag: 'de',
    });
  });
});
