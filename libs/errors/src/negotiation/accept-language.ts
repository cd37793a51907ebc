import { withParents } from '../locales/locale-catalogues.js';
import { ACCEPT_LANGUAGE_LIMITS, LanguageHeaderLimits } from './header-limits.js';
import { HeaderDecisions, weightedRanges } from './quality.js';

/**
 * Picks what to answer in from an `Accept-Language` header (RFC 9110 quality values,
 * RFC 4647 lookup): the language ranges by descending quality, each tried as it is,
 * then without its last subtags (`de-CH` -> `de`), then as the language of a regional
 * locale the app has (`fr` -> `fr-FR`); `*` or nothing available means the default. A
 * malformed range is skipped, never an error.
 *
 * Header values come from clients, so the work is bounded whatever they send: only the
 * first `maxLength` characters and `maxRanges` ranges are read, and a range of more than
 * `maxSubtags` subtags is skipped (ACCEPT_LANGUAGE_LIMITS, or the app's `headerLimits`);
 * the rest is ignored, as a malformed range is.
 */
export class LanguageNegotiator<Locale> {
  private readonly choices = new HeaderDecisions((header) => this.choose(header));

  constructor(
    /** Lower-cased tag -> what to answer with. */
    private readonly available: ReadonlyMap<string, Locale>,
    private readonly fallback: Locale,
    private readonly limits: LanguageHeaderLimits = ACCEPT_LANGUAGE_LIMITS,
  ) {}

  negotiate(header: string | undefined): Locale {
    // The common case, a request without the header, costs one comparison.
    if (header === undefined || header === '' || this.available.size === 1) return this.fallback;
    return this.choices.of(header);
  }

  private choose(header: string): Locale {
    const ranges: { tag: string; quality: number }[] = [];
    for (const { range, quality } of weightedRanges(header, this.limits)) {
      if (quality === 0 || !LANGUAGE_RANGE.test(range)) continue;
      // Each range is tried with each of its parents: its subtags are bounded too.
      if (subtagsOf(range) > this.limits.maxSubtags) continue;
      ranges.push({ tag: range, quality });
    }
    // Array.prototype.sort is stable: equal qualities keep the client's order.
    ranges.sort((a, b) => b.quality - a.quality);
    for (const { tag } of ranges) {
      if (tag === '*') return this.fallback;
      for (const candidate of withParents(tag)) {
        const locale = this.available.get(candidate);
        if (locale !== undefined) return locale;
      }
      // `fr` asked, only `fr-FR` kept: a regional variant serves the whole language.
      for (const [available, locale] of this.available) {
        if (available.startsWith(`${tag}-`)) return locale;
      }
    }
    return this.fallback;
  }
}

const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/u;

function subtagsOf(range: string): number {
  let count = 1;
  for (let index = range.indexOf('-'); index !== -1; index = range.indexOf('-', index + 1)) count++;
  return count;
}
