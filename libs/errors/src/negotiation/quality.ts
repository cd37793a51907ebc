import { HeaderLimits, boundedRanges } from './header-limits.js';

/**
 * The `q` parameter of one range of an Accept-style header (RFC 9110): 1 when absent,
 * undefined when malformed (the range is then ignored, never an error).
 */
export function qualityOf(parameters: readonly string[]): number | undefined {
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=').map((part) => part.trim());
    if (name.toLowerCase() !== 'q') continue;
    return value !== undefined && QVALUE.test(value) ? Number(value) : undefined;
  }
  return 1;
}

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/u;

/**
 * The ranges of an Accept-style header within its limits, each lower-cased with its
 * quality value; a range whose `q` is malformed is left out.
 */
export function weightedRanges(header: string, limits: HeaderLimits): { range: string; quality: number }[] {
  const ranges: { range: string; quality: number }[] = [];
  for (const part of boundedRanges(header, limits)) {
    const [value, ...parameters] = part.split(';');
    const quality = qualityOf(parameters);
    if (quality !== undefined) ranges.push({ range: value.trim().toLowerCase(), quality });
  }
  return ranges;
}

/**
 * What a header value decided, remembered: clients send the same few `Accept` and
 * `Accept-Language` values again and again. Header values come from clients, so the
 * memory is bounded in entries and in the length of a value it keeps.
 */
export class HeaderDecisions<T> {
  private readonly decided = new Map<string, T>();

  constructor(private readonly decide: (header: string) => T) {}

  of(header: string): T {
    let decision = this.decided.get(header);
    if (decision === undefined) {
      decision = this.decide(header);
      if (this.decided.size < 256 && header.length <= 256) this.decided.set(header, decision);
    }
    return decision;
  }
}
