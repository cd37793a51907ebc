import { ACCEPT_LIMITS } from '../negotiation/header-limits.js';
import { weightedRanges } from '../negotiation/quality.js';

/**
 * Whether an `Accept` header prefers `text/html` to `application/json` (a browser's
 * `text/html,...,* / *;q=0.8` does). No header, `* / *` or a tie: JSON, for scripts and curl.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  let html = { quality: 0, specificity: -1 };
  let json = { quality: 0, specificity: -1 };
  for (const { range, quality } of weightedRanges(accept, ACCEPT_LIMITS)) {
    html = better(html, range, quality, 'text/html');
    json = better(json, range, quality, 'application/json');
  }
  return html.quality > json.quality;
}

function better(
  current: { quality: number; specificity: number },
  range: string,
  quality: number,
  type: string,
): { quality: number; specificity: number } {
  const specificity = range === type ? 2 : range === `${type.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : -1;
  return specificity > current.specificity ? { quality, specificity } : current;
}
