/**
 * How much of an Accept-style header (`Accept`, `Accept-Language`) is read. Clients send
 * what they like; a header of thousands of ranges, or one range of thousands of subtags,
 * must cost no more than a short one. Past a limit the rest is ignored, as a malformed
 * range is: the answer is still given, in the default language or media type.
 */
export interface HeaderLimits {
  /** Characters read from the start of the header. */
  readonly maxLength: number;
  /** Comma-separated ranges read. */
  readonly maxRanges: number;
  /** Subtags of one language range (`de-CH-1996` has 3); a longer range is skipped. */
  readonly maxSubtags: number;
}

/**
 * Defaults: browsers send a few ranges of at most three subtags (`zh-Hant-TW`); RFC 5646
 * tags seldom pass 35 characters.
 */
export const ACCEPT_LANGUAGE_LIMITS: HeaderLimits = Object.freeze({ maxLength: 1024, maxRanges: 32, maxSubtags: 8 });

/** Defaults for `Accept` (subtags do not apply to media ranges). */
export const ACCEPT_LIMITS: HeaderLimits = Object.freeze({ maxLength: 1024, maxRanges: 32, maxSubtags: 0 });

/**
 * The comma-separated ranges of a header within the limits, in linear time: the header
 * is cut to `maxLength` before it is split, and at most `maxRanges` ranges are returned.
 */
export function boundedRanges(header: string, limits: HeaderLimits): string[] {
  const text = header.length > limits.maxLength ? header.slice(0, limits.maxLength) : header;
  return text.split(',', limits.maxRanges);
}
