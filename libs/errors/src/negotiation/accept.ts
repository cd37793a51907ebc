import { ACCEPT_LIMITS, HeaderLimits } from './header-limits.js';
import { HeaderDecisions, weightedRanges } from './quality.js';

/** The RFC 9457 media type. */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * Whether an `Accept` header prefers `application/problem+json` to `application/json`:
 * its quality value must be strictly higher, each type's value being the one of the
 * most specific range that matches it (`type/subtype` over `type/*` over `* / *`).
 * `Accept: application/problem+json` does; no header, `* / *` or a tie do not, so a
 * client that does not ask keeps the array it always got. A malformed header never
 * throws: ranges that cannot be read are ignored, and so is whatever lies past the
 * limits (header-limits.ts). Built once per app: its limits and its cache are the app's.
 */
export class ProblemJsonPreference {
  private readonly decisions = new HeaderDecisions((accept) => this.decide(accept));

  constructor(private readonly limits: HeaderLimits = ACCEPT_LIMITS) {}

  prefers(accept: string | undefined): boolean {
    // Most requests do not mention problem+json at all: no parsing for them.
    if (accept === undefined || !/problem\+json/iu.test(accept)) return false;
    return this.decisions.of(accept);
  }

  private decide(accept: string): boolean {
    const problem = { quality: 0, specificity: -1 };
    const json = { quality: 0, specificity: -1 };
    for (const { range, quality } of weightedRanges(accept, this.limits)) {
      consider(problem, range, quality, PROBLEM_JSON);
      consider(json, range, quality, 'application/json');
    }
    return problem.quality > json.quality;
  }
}

function consider(best: { quality: number; specificity: number }, range: string, quality: number, type: string): void {
  const specificity = range === type ? 2 : range === 'application/*' ? 1 : range === '*/*' ? 0 : -1;
  if (specificity > best.specificity) {
    best.specificity = specificity;
    best.quality = quality;
  }
}
