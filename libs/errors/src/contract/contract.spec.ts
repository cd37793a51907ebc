import { toApiError } from './api-error.js';
import { asSentence, fillTemplate } from './message.js';
import { responseStatus } from './status-rule.js';

describe('responseStatus (one status for several errors)', () => {
  it.each([
    [[404], 404],
    [[409, 409], 409],
    [[409, 400], 400],
    [[404, 409, 422], 400],
    [[400, 503], 500],
    [[503, 503], 503],
    [[500, 404], 500],
    [[], 500],
  ])('%j -> %i', (statuses, expected) => {
    expect(responseStatus(statuses)).toBe(expected);
  });
});

describe('asSentence', () => {
  it.each([
    ['email must be an email', 'Email must be an email.'],
    ['Already a sentence.', 'Already a sentence.'],
    ['  trailing spaces   ', 'Trailing spaces.'],
    ['Is it?', 'Is it?.'],
    ['', 'The request could not be processed.'],
    ['   ', 'The request could not be processed.'],
  ])('%j -> %j', (input, expected) => {
    expect(asSentence(input)).toBe(expected);
  });
});

describe('fillTemplate', () => {
  it('fills placeholders, joins arrays and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} and {list}; {missing}', { a: 1, list: ['x', 'y'] })).toBe('1 and x, y; {missing}');
  });

  it('never reaches Object.prototype and never re-reads inserted values', () => {
    expect(fillTemplate('{constructor} {toString} {a}', { a: '{b}', b: 'no' })).toBe('{constructor} {toString} {b}');
  });
});

describe('toApiError', () => {
  it('keeps exactly the four keys in contract order', () => {
    const extra = { details: null, field: undefined, error_code: '1', message: 'm', stack: 'secret' } as never;
    expect(Object.keys(toApiError(extra))).toEqual(['message', 'error_code', 'field', 'details']);
    expect(toApiError(extra).field).toBeNull();
  });
});
