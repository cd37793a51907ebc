import { charsetOf } from './charset.js';

describe('charsetOf', () => {
  it.each([
    ['application/json', undefined],
    ['application/json; charset=UTF-8', 'utf-8'],
    ['application/json;charset="latin1"', 'latin1'],
    ['application/json; x="a;charset=utf-8"; charset=utf-16le', 'utf-16le'],
    ['application/json; charset=utf-8; charset=utf-16le', 'utf-16le'],
    ['application/json; x="a\\"; charset=utf-8"; charset=latin1', 'latin1'],
    ['application/json; x="a;charset=utf-16le"', undefined],
    ['application/json;', undefined],
    ['application/json; charset', undefined],
    ['application/json; charset=utf-16le; =', undefined],
  ])('%s -> %s', (contentType, charset) => {
    expect(charsetOf(contentType)).toBe(charset);
  });
});
