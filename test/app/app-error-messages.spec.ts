import { findTranslationProblems } from 'nest-error-contract';
import { APP_ERROR_CODES } from '../../src/errors/app-error-codes';
import { APP_ERROR_MESSAGES } from '../../src/errors/app-error-messages';

describe("the sample app's translated messages", () => {
  it.each(Object.keys(APP_ERROR_MESSAGES))('%s has a message for every app code, with its placeholders', (locale) => {
    expect(findTranslationProblems(APP_ERROR_CODES, APP_ERROR_MESSAGES[locale], locale)).toEqual([]);
  });
});
