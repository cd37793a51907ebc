import type { HeaderLimitsOptions } from '../errors.options.js';

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
}

/** `Accept-Language` is also bounded per range: each is tried with each of its parents. */
export interface LanguageHeaderLimits extends HeaderLimits {
  /** Subtags of one language range (`de-CH-1996` has 3); a longer range is skipped. */
  readonly maxSubtags: number;
}

/** The limits of both headers, as the module's settings hold them. */
export interface NegotiationHeaderLimits {
  readonly accept: HeaderLimits;
  readonly acceptLanguage: LanguageHeaderLimits;
}

/**
 * Defaults: browsers send a few ranges of at most three subtags (`zh-Hant-TW`); RFC 5646
 * tags seldom pass 35 characters.
 */
export const ACCEPT_LANGUAGE_LIMITS: LanguageHeaderLimits = Object.freeze({
  maxLength: 1024,
  maxRanges: 32,
  maxSubtags: 8,
});

/** Defaults for `Accept`. */
export const ACCEPT_LIMITS: HeaderLimits = Object.freeze({ maxLength: 1024, maxRanges: 32 });

/**
 * The limits an app asked for (the `headerLimits` option) over the defaults, checked once
 * at start-up: each must be a positive integer, or the app does not start. A limit of
 * zero or a fraction would silently make every header unread.
 */
export function resolveHeaderLimits(options: HeaderLimitsOptions = {}): NegotiationHeaderLimits {
  if (!isPlainObject(options)) {
    throw new Error(
      `ErrorsModule option headerLimits is ${shown(options)}; use an object such as { acceptLanguage: { maxRanges: 16 } }.`,
    );
  }
  // A misspelt header (`acceptLangauge`) in a JavaScript config would otherwise change nothing, silently.
  for (const header of Object.keys(options)) {
    if (header !== 'accept' && header !== 'acceptLanguage') {
      throw new Error(`ErrorsModule option headerLimits has no header "${header}"; use accept, acceptLanguage.`);
    }
  }
  return Object.freeze({
    accept: merged('accept', ACCEPT_LIMITS, options.accept, ['maxLength', 'maxRanges']),
    acceptLanguage: merged('acceptLanguage', ACCEPT_LANGUAGE_LIMITS, options.acceptLanguage, [
      'maxLength',
      'maxRanges',
      'maxSubtags',
    ]),
  });
}

function merged<Limits extends HeaderLimits>(
  header: string,
  defaults: Limits,
  given: Readonly<Partial<Record<keyof Limits, unknown>>> | undefined,
  names: readonly (keyof Limits & string)[],
): Limits {
  if (given === undefined) return defaults;
  if (!isPlainObject(given)) {
    throw new Error(
      `ErrorsModule option headerLimits.${header} is ${shown(given)}; use an object of limits (${names.join(', ')}).`,
    );
  }
  const limits: Record<string, unknown> = { ...(defaults as object) };
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!names.includes(name as keyof Limits & string)) {
      throw new Error(`ErrorsModule option headerLimits.${header} has no limit "${name}"; use ${names.join(', ')}.`);
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new Error(`ErrorsModule option headerLimits.${header}.${name} is ${shown(value)}; use a positive integer.`);
    }
    limits[name] = value;
  }
  return Object.freeze(limits) as Limits;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The comma-separated ranges of a header within the limits, in linear time: the header
 * is cut to `maxLength` before it is split, and at most `maxRanges` ranges are returned.
 */
export function boundedRanges(header: string, limits: HeaderLimits): string[] {
  const text = header.length > limits.maxLength ? header.slice(0, limits.maxLength) : header;
  return text.split(',', limits.maxRanges);
}
