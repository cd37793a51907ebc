import { LanguageNegotiator } from './accept-language.js';
import { prefersProblemJson } from './accept.js';
import { mergeVary } from '../response/error-answer.js';

describe('prefersProblemJson (Accept)', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['application/json', false],
    ['*/*', false],
    ['application/problem+json', true],
    ['APPLICATION/Problem+JSON', true],
    ['application/problem+json; charset=utf-8', true],
    ['application/json, application/problem+json', false], // a tie keeps the array
    ['application/problem+json, application/json;q=0.999', true],
    ['application/problem+json;q=0.4, application/*;q=0.5', false],
    ['application/problem+json;q=0.6, application/*;q=0.5', true],
    ['application/problem+json;q=0, */*', false],
    ['application/problem+json;q=1.5', false], // malformed q: the range is ignored
    ['application/problem+json;q=', false],
    [',,;;,application/problem+json', true],
    ['text/html, application/xhtml+xml, application/problem+json;q=0.9, */*;q=0.8', true],
  ])('%j -> %s', (accept, expected) => {
    expect(prefersProblemJson(accept)).toBe(expected);
  });
});

describe('LanguageNegotiator (Accept-Language)', () => {
  const available = new Map([
    ['en', 'en'],
    ['de', 'de'],
    ['de-at', 'de-AT'],
    ['pt-br', 'pt-BR'],
  ]);
  const negotiator = new LanguageNegotiator(available, 'en');

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['DE-de', 'de'],
    ['de-CH', 'de'],
    ['de-AT', 'de-AT'],
    ['de-AT-1996', 'de-AT'],
    ['de-CH-x-private', 'de'],
    ['pt', 'pt-BR'],
    ['fr, de;q=0.5', 'de'],
    ['fr;q=0.9, de;q=0.8, en;q=0.85', 'en'],
    ['de;q=0.5, de-AT', 'de-AT'],
    ['*, de;q=0.5', 'en'],
    ['de;q=0, it', 'en'],
    ['de;q=abc', 'en'],
    ['"><script>, de', 'de'],
  ])('%j -> %s', (header, expected) => {
    expect(negotiator.negotiate(header)).toBe(expected);
  });

  it('answers the same from its cache, and bounds the cache', () => {
    for (let index = 0; index < 1000; index++) negotiator.negotiate(`x${index}, de`);
    expect(negotiator.negotiate('x999, de')).toBe('de');
    expect((negotiator as unknown as { cache: Map<string, string> }).cache.size).toBeLessThanOrEqual(256);
  });
});

describe('mergeVary', () => {
  it.each([
    [undefined, 'Accept, Accept-Language'],
    ['', 'Accept, Accept-Language'],
    ['Origin', 'Origin, Accept, Accept-Language'],
    ['origin, accept', 'origin, accept, Accept-Language'],
    ['Accept-Language, Accept', 'Accept-Language, Accept'],
    ['*', '*'],
  ])('%j + Accept, Accept-Language -> %j', (existing, expected) => {
    expect(mergeVary(existing, 'Accept, Accept-Language')).toBe(expected);
  });
});
