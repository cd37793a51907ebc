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
