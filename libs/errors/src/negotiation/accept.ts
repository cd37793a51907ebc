import { ACCEPT_LIMITS, boundedRanges } from './header-limits.js';
import { qualityOf } from './quality.js';

/** The RFC 9457 media type. */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * Whether an `Accept` header prefers `application/problem+json` to `application/json`:
 * its quality value must be strictly higher, each type's value being the one of the
 * most specific range that matches it (`type/subtype` over `type/*` over `* / *`).
 * `Accept: application/problem+json` does; no header, `* / *` or a tie do not, so a
 * client that does not ask keeps the array it always got. A malformed header never
 * throws: ranges that cannot be read are ignored.
 */
export function prefersProblemJson(accept: string | undefined): boolean {
  // Most requests do not mention problem+json at all: no parsing for them.
  if (accept === undefined || !/problem\+json/iu.test(accept)) return false;
  let cached = decided.get(accept);
  if (cached === undefined) {
    cached = decide(accept);
    // Header values come from clients: the cache is bounded in entries and in their length.
    if (decided.size < 256 && accept.length <= 256) decided.set(accept, cached);
  }
  return cached;
}

const decided = new Map<string, boolean>();

function decide(accept: string): boolean {
  const problem = { quality: 0, specificity: -1 };
  const json = { quality: 0, specificity: -1 };
  // Bounded like Accept-Language (header-limits.ts): ranges past the limits are ignored.
  for (const range of boundedRanges(accept, ACCEPT_LIMITS)) {
    const [type, ...parameters] = range.split(';');
    const mediaRange = type.trim().toLowerCase();
    const quality = qualityOf(parameters);
    if (quality === undefined) continue;
    consider(problem, mediaRange, quality, PROBLEM_JSON);
    consider(json, mediaRange, quality, 'application/json');
  }
  return problem.quality > json.quality;
}

function consider(best: { quality: number; specificity: number }, range: string, quality: number, type: string): void {
  const specificity = range === type ? 2 : range === 'application/*' ? 1 : range === '*/*' ? 0 : -1;
  if (specificity > best.specificity) {
    best.specificity = specificity;
    best.quality = quality;
  }
}
