import { LanguageNegotiator } from './accept-language.js';
import { prefersProblemJson } from './accept.js';
import { mergeVary } from '../response/error-answer.js';
import { boundedRanges } from './header-limits.js';

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

describe('header limits: the work per header is bounded whatever its size', () => {
  /** The available locales, counting the lookups a negotiation makes. */
  class CountingMap<K, V> extends Map<K, V> {
    lookups = 0;
    override get(key: K): V | undefined {
      this.lookups++;
      return super.get(key);
    }
  }
  const available = new CountingMap([
    ['en', 'en'],
    ['de', 'de'],
  ]);
  const negotiator = new LanguageNegotiator(available, 'en', { maxLength: 1024, maxRanges: 32, maxSubtags: 8 });

  beforeEach(() => {
    available.lookups = 0;
  });

  it('skips one range of 7,500 subtags without trying its parents (it took ~40 ms per answer)', () => {
    expect(negotiator.negotiate(`a${'-a'.repeat(7_499)}`)).toBe('en');
    expect(available.lookups).toBe(0);
    // Eight subtags are still tried, parents and all.
    expect(negotiator.negotiate('de-a-b-c-d-e-f-g')).toBe('de');
  });

  it('reads at most 32 ranges of at most 8 subtags: at most 256 lookups for any header', () => {
    const header = Array.from({ length: 10_000 }, () => 'zz-a-b-c-d-e-f-g').join(',');
    expect(negotiator.negotiate(header)).toBe('en');
    expect(available.lookups).toBeLessThanOrEqual(32 * 8);
    expect(available.lookups).toBeGreaterThan(0);
    // A range past the first 32 is not read: `de` at the end is ignored.
    available.lookups = 0;
    expect(negotiator.negotiate(`${'xx,'.repeat(40)}de`)).toBe('en');
    expect(available.lookups).toBeLessThanOrEqual(32);
  });

  it('cuts a header to maxLength before splitting it', () => {
    const ranges = boundedRanges('a,'.repeat(100_000), { maxLength: 10, maxRanges: 1000, maxSubtags: 8 });
    expect(ranges).toEqual(['a', 'a', 'a', 'a', 'a', '']);
    expect(boundedRanges('a,'.repeat(100_000), { maxLength: 1024, maxRanges: 32, maxSubtags: 8 })).toHaveLength(32);
  });

  it('ignores Accept ranges past the limits', () => {
    expect(prefersProblemJson(`${'text/html,'.repeat(40)}application/problem+json`)).toBe(false);
    expect(prefersProblemJson(`${'text/html,'.repeat(10)}application/problem+json`)).toBe(true);
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
