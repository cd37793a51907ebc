import { LanguageNegotiator } from './accept-language.js';
import { ProblemJsonPreference } from './accept.js';
import { mergeVary } from '../response/error-answer.js';
import { ACCEPT_LANGUAGE_LIMITS, ACCEPT_LIMITS, boundedRanges, resolveHeaderLimits } from './header-limits.js';

const prefersProblemJson = (accept: string | undefined) => new ProblemJsonPreference().prefers(accept);

/** The available locales, counting the lookups a negotiation makes. */
class CountingMap<K, V> extends Map<K, V> {
  lookups = 0;
  override get(key: K): V | undefined {
    this.lookups++;
    return super.get(key);
  }
}

describe('ProblemJsonPreference (Accept)', () => {
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
    const choices = (negotiator as unknown as { choices: { decided: Map<string, string> } }).choices;
    expect(choices.decided.size).toBeLessThanOrEqual(256);
  });
});

describe('header limits: the work per header is bounded whatever its size', () => {
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
    const ranges = boundedRanges('a,'.repeat(100_000), { maxLength: 10, maxRanges: 1000 });
    expect(ranges).toEqual(['a', 'a', 'a', 'a', 'a', '']);
    expect(boundedRanges('a,'.repeat(100_000), { maxLength: 1024, maxRanges: 32 })).toHaveLength(32);
  });

  it('ignores Accept ranges past the limits', () => {
    expect(prefersProblemJson(`${'text/html,'.repeat(40)}application/problem+json`)).toBe(false);
    expect(prefersProblemJson(`${'text/html,'.repeat(10)}application/problem+json`)).toBe(true);
  });
});

describe('header limits set by the app (the headerLimits option)', () => {
  /** The Accept ranges a decision reads: each is split once on `;` (its parameters). */
  function rangesRead(decide: () => void): number {
    const split = jest.spyOn(String.prototype, 'split');
    try {
      decide();
      return split.mock.calls.filter(([separator]) => (separator as unknown) === ';').length;
    } finally {
      split.mockRestore();
    }
  }

  it("reads at most maxRanges Accept ranges: the app's number rather than the default", () => {
    const header = `${'text/html,'.repeat(1000)}application/problem+json`;
    const limits = resolveHeaderLimits({ accept: { maxRanges: 3 } }).accept;
    expect(rangesRead(() => expect(new ProblemJsonPreference(limits).prefers(header)).toBe(false))).toBe(3);
    expect(rangesRead(() => new ProblemJsonPreference().prefers(header))).toBe(ACCEPT_LIMITS.maxRanges);
    // Within the limit, problem+json is still read and preferred.
    expect(new ProblemJsonPreference(limits).prefers('text/html, application/problem+json')).toBe(true);
  });

  it('reads at most maxRanges Accept-Language ranges of at most maxSubtags subtags', () => {
    const available = new CountingMap([
      ['en', 'en'],
      ['de', 'de'],
    ]);
    const limits = resolveHeaderLimits({ acceptLanguage: { maxRanges: 2, maxSubtags: 2 } }).acceptLanguage;
    const negotiator = new LanguageNegotiator(available, 'en', limits);
    expect(negotiator.negotiate(Array.from({ length: 10_000 }, () => 'zz-a').join(','))).toBe('en');
    // Two ranges, each tried with its parent: 4 lookups (32 x 8 under the defaults).
    expect(available.lookups).toBe(4);
    expect(negotiator.negotiate('xx, de')).toBe('de');
    // The third range is not read, and three subtags are over this app's limit.
    expect(negotiator.negotiate('xx, yy, de')).toBe('en');
    expect(negotiator.negotiate('de-CH-1996')).toBe('en');
    expect(negotiator.negotiate('de-CH')).toBe('de');
  });

  it('keeps the defaults for what the app leaves out, and the maxLength it gives', () => {
    const limits = resolveHeaderLimits({ acceptLanguage: { maxLength: 10 } });
    expect(limits.acceptLanguage).toEqual({ ...ACCEPT_LANGUAGE_LIMITS, maxLength: 10 });
    expect(limits.accept).toBe(ACCEPT_LIMITS);
    expect(resolveHeaderLimits()).toEqual({ accept: ACCEPT_LIMITS, acceptLanguage: ACCEPT_LANGUAGE_LIMITS });
  });

  it.each([
    [{ accept: { maxRanges: 0 } }, 'ErrorsModule option headerLimits.accept.maxRanges is 0; use a positive integer.'],
    [
      { accept: { maxLength: 1.5 } },
      'ErrorsModule option headerLimits.accept.maxLength is 1.5; use a positive integer.',
    ],
    [
      { acceptLanguage: { maxSubtags: '8' as unknown as number } },
      'ErrorsModule option headerLimits.acceptLanguage.maxSubtags is "8"; use a positive integer.',
    ],
    [
      { acceptLanguage: { maxLength: Number.NaN } },
      'ErrorsModule option headerLimits.acceptLanguage.maxLength is NaN; use a positive integer.',
    ],
    [
      { acceptLangauge: { maxRanges: 4 } } as never,
      'ErrorsModule option headerLimits has no header "acceptLangauge"; use accept, acceptLanguage.',
    ],
    [
      { accept: { maxSubtags: 4 } as never },
      'ErrorsModule option headerLimits.accept has no limit "maxSubtags"; use maxLength, maxRanges.',
    ],
    [
      null as never,
      'ErrorsModule option headerLimits is null; use an object such as { acceptLanguage: { maxRanges: 16 } }.',
    ],
    [
      { accept: 5 } as never,
      'ErrorsModule option headerLimits.accept is 5; use an object of limits (maxLength, maxRanges).',
    ],
  ])('refuses %j at start-up', (options, message) => {
    expect(() => resolveHeaderLimits(options)).toThrow(message);
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
