import { toApiError } from './api-error.js';
import { withDeferredMessage } from './localizable-error.js';
import { asSentence, fillTemplate } from './message.js';
import { CompiledLocale } from '../locales/compiled-locale.js';
import { serializeErrors } from './serialize.js';
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

describe('withDeferredMessage', () => {
  it('fills the message once, on first read, with the four keys in contract order', () => {
    let renders = 0;
    const error = withDeferredMessage(() => `Rendered ${++renders}.`, '2001', 'email', { min: 1 });
    expect(renders).toBe(0);
    expect(Object.keys(error)).toEqual(['message', 'error_code', 'field', 'details']);
    expect(JSON.stringify(error)).toBe(
      '{"message":"Rendered 1.","error_code":"2001","field":"email","details":{"min":1}}',
    );
    expect(error.message).toBe('Rendered 1.');
    expect({ ...error }).toEqual({ message: 'Rendered 1.', error_code: '2001', field: 'email', details: { min: 1 } });
    expect(renders).toBe(1);
  });

  it('keeps an assigned message, rendered or not', () => {
    let renders = 0;
    const unread = withDeferredMessage(() => `Rendered ${++renders}.`, '2001', null, null);
    unread.message = 'Assigned.';
    expect(unread.message).toBe('Assigned.');
    const read = withDeferredMessage(() => `Rendered ${++renders}.`, '2001', null, null);
    expect(read.message).toBe('Rendered 1.');
    read.message = 'Assigned.';
    expect(read.message).toBe('Assigned.');
    expect(renders).toBe(1);
  });
});

describe('serializeErrors', () => {
  const general = (errors: unknown[]) => JSON.stringify((errors as never[]).map((error) => toApiError(error)));

  it.each([
    [
      'one error',
      [{ message: 'The user was not found.', error_code: '4004', field: null, details: { resource: 'user' } }],
    ],
    [
      'several, with quotes, unicode and nested details',
      [
        { message: 'He said "no" \\ \u2028 é.', error_code: '2001', field: 'profile.links.1.url', details: null },
        {
          message: 'x',
          error_code: '2002',
          field: 'a',
          details: { list: [1, 'two', { three: null }], nested: { ok: true } },
        },
      ],
    ],
    ['no errors', []],
  ])('writes what JSON.stringify writes of the contract objects: %s', (_name, errors) => {
    expect(serializeErrors(errors as never)).toBe(general(errors));
  });

  it('keeps the four keys in contract order once rendered, whatever the objects carry or lack', () => {
    const odd = [
      { details: { a: 1 }, stack: 'secret', field: undefined, error_code: '1', message: 'm' },
      { message: 'no details or field', error_code: '2' },
      { message: 3, error_code: 4, field: 5, details: 'text' },
    ];
    // What the locale renders (every answer goes through it) is what is serialized.
    const rendered = new CompiledLocale('en', new Map(), new Map()).render(
      odd.map((error) => ({ status: 400, error: error as never })),
    );
    const text = serializeErrors(rendered);
    expect(text).toBe(general(odd));
    expect(text).not.toContain('secret');
    expect((JSON.parse(text) as object[]).map((item) => Object.keys(item))).toEqual([
      ['message', 'error_code', 'field', 'details'],
      ['message', 'error_code', 'field', 'details'],
      ['message', 'error_code', 'field', 'details'],
    ]);
  });
});
